// What a bulk replay request will contain, decided before anything is sent: only outbound rows can
// be replayed (an inbound receipt keeps only a digest; the tracker's signed request cannot be
// fabricated), and the API refuses more than MAX_BULK_REPLAY ids, so the UI refuses first.
export const MAX_BULK_REPLAY = 100;

export type ReplayCandidate = { id: string; direction: "outbound" | "inbound" };

export type BulkReplayPlan =
  | { ok: true; ids: string[]; skippedInbound: number }
  | { ok: false; reason: "nothing_selected" | "only_inbound" | "too_many"; skippedInbound: number; count: number };

export function planBulkReplay(selected: readonly ReplayCandidate[]): BulkReplayPlan {
  const ids = selected.filter((d) => d.direction === "outbound").map((d) => d.id);
  const skippedInbound = selected.length - ids.length;
  if (selected.length === 0) return { ok: false, reason: "nothing_selected", skippedInbound, count: 0 };
  if (ids.length === 0) return { ok: false, reason: "only_inbound", skippedInbound, count: 0 };
  if (ids.length > MAX_BULK_REPLAY) return { ok: false, reason: "too_many", skippedInbound, count: ids.length };
  return { ok: true, ids, skippedInbound };
}

/** The sentence shown next to the Replay selected button. */
export function describePlan(plan: BulkReplayPlan): string {
  const skipped =
    plan.skippedInbound > 0
      ? ` ${plan.skippedInbound} inbound ${plan.skippedInbound === 1 ? "row is" : "rows are"} left out: inbound receipts cannot be replayed.`
      : "";
  if (plan.ok) return `${plan.ids.length} outbound ${plan.ids.length === 1 ? "delivery" : "deliveries"} will be replayed.${skipped}`;
  switch (plan.reason) {
    case "nothing_selected":
      return "Select deliveries to replay.";
    case "only_inbound":
      return `Nothing to replay.${skipped}`;
    case "too_many":
      return `${plan.count} deliveries selected; at most ${MAX_BULK_REPLAY} can be replayed at once. Deselect some and try again.${skipped}`;
  }
}

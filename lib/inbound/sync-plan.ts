// What a tracker's change does to the local issue it is linked to, decided before anything is
// written, so the receipt pipeline can send the write, its event and the receipt row together.
import type { NormalizedIssueEvent } from "./providers/normalized";
import { isStale } from "./staleness";

type Linked = { externalUpdatedAt: Date | null; externalRev: number | null };

export type SyncPlan<I extends Linked = Linked> =
  | { outcome: "ignored"; reason: string }
  | { outcome: "applied"; action: "update" | "delete"; issue: I; reason?: undefined }
  | { outcome: "imported"; action: "create"; reason?: undefined };

/** The plan for `event` given its linked issue (`existing`, undefined when none). */
export function planSync<I extends Linked>(event: Pick<NormalizedIssueEvent, "action" | "updatedAt" | "rev">, existing: I | undefined): SyncPlan<I> {
  if (existing && isStale({ updatedAt: existing.externalUpdatedAt, rev: existing.externalRev }, { updatedAt: event.updatedAt, rev: event.rev })) {
    return { outcome: "ignored", reason: "stale: older than the stored version" };
  }
  if (event.action === "delete") {
    return existing ? { outcome: "applied", action: "delete", issue: existing } : { outcome: "ignored", reason: "unknown issue deleted" };
  }
  return existing ? { outcome: "applied", action: "update", issue: existing } : { outcome: "imported", action: "create" };
}

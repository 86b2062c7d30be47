// The outcome badge of a delivery row. Outbound rows read their status; inbound receipts are
// recorded as done at once, so their badge reads the receipt outcome instead.
export type BadgeTone = "neutral" | "green" | "amber" | "red" | "blue";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "blue" },
  delivering: { label: "Delivering", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
  failed: { label: "Retrying", tone: "amber" },
  dead: { label: "Dead", tone: "red" },
  paused: { label: "Parked", tone: "neutral" },
};

const INBOUND: Record<string, { label: string; tone: BadgeTone }> = {
  applied: { label: "Applied", tone: "green" },
  imported: { label: "Imported", tone: "green" },
  ignored: { label: "Ignored", tone: "neutral" },
  duplicate: { label: "Duplicate", tone: "neutral" },
  synthetic: { label: "Test", tone: "blue" },
  rejected: { label: "Rejected", tone: "red" },
};

export function deliveryBadge(d: { direction: "outbound" | "inbound"; status: string; outcome: string | null }): { label: string; tone: BadgeTone } {
  if (d.direction === "inbound" && d.outcome && INBOUND[d.outcome]) return INBOUND[d.outcome];
  return STATUS[d.status] ?? { label: d.status, tone: "neutral" };
}

// The outcome badge of a delivery row, and the Outcome filter's names, from one table: a filter
// option reads exactly like the badge of the rows it lists. Outbound rows read their status; inbound
// receipts are recorded as done at once, so their badge reads the receipt outcome instead.
import type { DeliveryStateFilter } from "@/lib/outbound/delivery-states";

export type BadgeTone = "neutral" | "green" | "amber" | "red" | "blue";
type BadgeView = { label: string; tone: BadgeTone };

export const STATE_BADGES: Record<DeliveryStateFilter, BadgeView> = {
  pending: { label: "Pending", tone: "blue" },
  delivering: { label: "Delivering", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
  failed: { label: "Retrying", tone: "amber" },
  dead: { label: "Dead", tone: "red" },
  paused: { label: "Parked", tone: "neutral" },
  applied: { label: "Applied", tone: "green" },
  imported: { label: "Imported", tone: "green" },
  ignored: { label: "Ignored", tone: "neutral" },
  duplicate: { label: "Duplicate", tone: "neutral" },
  synthetic: { label: "Test", tone: "blue" },
  rejected: { label: "Rejected", tone: "red" },
};

type Badgeable = { direction: "outbound" | "inbound"; status: string; outcome: string | null; test?: boolean };

export function deliveryBadge(d: Badgeable): BadgeView {
  if (d.direction === "inbound" && d.outcome && Object.hasOwn(STATE_BADGES, d.outcome)) return STATE_BADGES[d.outcome as DeliveryStateFilter];
  // A Send Test is never retried: when it fails it has simply failed, nothing "died".
  if (d.test && d.status === "dead") return { label: "Failed", tone: "red" };
  return Object.hasOwn(STATE_BADGES, d.status) ? STATE_BADGES[d.status as DeliveryStateFilter] : { label: d.status, tone: "neutral" };
}

// The words a delivery's state is filtered and shown by, declared once for the API (lib/outbound/
// deliveries.ts) and the UI (lib/webhooks): outbound rows by their status, inbound receipts by their
// outcome — an inbound row's status says only whether it was accepted, its badge reads the outcome.
import type { deliveryStatus } from "@/db/schema";

export const OUTBOUND_STATUSES = ["pending", "delivering", "succeeded", "failed", "dead", "paused"] as const satisfies readonly (typeof deliveryStatus.enumValues)[number][];
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** What the receipt pipeline records (lib/inbound/receipt.ts). */
export const INBOUND_OUTCOMES = ["applied", "imported", "ignored", "duplicate", "synthetic", "rejected"] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** The list's "Outcome" filter takes either. */
export const DELIVERY_STATE_FILTERS = [...OUTBOUND_STATUSES, ...INBOUND_OUTCOMES] as const;
export type DeliveryStateFilter = (typeof DELIVERY_STATE_FILTERS)[number];

export function isInboundOutcome(v: string): v is InboundOutcome {
  return (INBOUND_OUTCOMES as readonly string[]).includes(v);
}

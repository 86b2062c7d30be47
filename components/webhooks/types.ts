// The JSON the webhook screens read from /api/v1; shapes are documented in lib/outbound/present.ts.
import type { InboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import type { getDeliveryDetail } from "@/lib/outbound/deliveries";
import type { DeliveryJson, OutboundWebhookJson } from "@/lib/outbound/present";

export type OutboundWebhook = OutboundWebhookJson;
export type WebhooksResponse = { inbound: InboundWebhookSummary | null; outbound: OutboundWebhook[] };

export type DeliveryRow = DeliveryJson;
export type DeliveriesPage = { deliveries: DeliveryRow[]; next_cursor: string | null; retention_days: number };

/** GET /projects/{p}/deliveries/{d}: the delivery, the exact body sent, every attempt (lib/outbound/present.ts). */
export type DeliveryDetail = Awaited<ReturnType<typeof getDeliveryDetail>>;
export type DeliveryAttempt = DeliveryDetail["attempts"][number];

/** The secret still signing alongside the new one after a rotation, if any. */
export function retiringSecret(w: OutboundWebhook) {
  return w.secrets.find((s) => s.state === "retiring") ?? null;
}

/** The project's inbound webhook as GET /projects/{p}/webhooks returns it. */
export type InboundWebhook = InboundWebhookSummary;

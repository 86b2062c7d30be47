// The JSON the webhook screens read from /api/v1; shapes are documented in lib/outbound/present.ts.
import type { InboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import type { DeliveryJson, OutboundWebhookJson } from "@/lib/outbound/present";

export type OutboundWebhook = OutboundWebhookJson;
export type WebhooksResponse = { inbound: InboundWebhookSummary | null; outbound: OutboundWebhook[] };

export type DeliveryRow = DeliveryJson;
export type DeliveriesPage = { deliveries: DeliveryRow[]; next_cursor: string | null; retention_days: number };

export type DeliveryAttempt = {
  n: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error_class: string | null;
  error_message: string | null;
  request_headers: Record<string, string> | null;
  response_excerpt: string | null;
};

export type DeliveryDetail = {
  delivery: DeliveryRow;
  payload: unknown;
  request_digest: string | null;
  provider_delivery_id: string | null;
  url: string | null;
  attempts: DeliveryAttempt[];
  replay_chain: { id: string; replay_of: string | null; status: DeliveryRow["status"]; created_at: string }[];
};

/** The secret still signing alongside the new one after a rotation, if any. */
export function retiringSecret(w: OutboundWebhook) {
  return w.secrets.find((s) => s.state === "retiring") ?? null;
}

/** The project's inbound webhook as GET /projects/{p}/webhooks returns it. */
export type InboundWebhook = InboundWebhookSummary;

// JSON shapes of the outbound webhook and deliveries API (DESIGN section 5). Field names are
// snake_case like the event objects and are stable: the UI (components/webhooks) reads them.
//
// OutboundWebhookJson — GET /projects/{p}/webhooks → { inbound, outbound: OutboundWebhookJson[] };
//   POST …/webhooks/outbound → 201 { webhook, secret: "whsec_…" | null (Slack: no secret) };
//   PATCH, PUT/DELETE …/events/{type}, enable, pause, resume, retire, extend → { webhook };
//   rotate → { webhook, secret }; DELETE …/outbound/{w} → 204.
//   { id, name, kind: "generic"|"slack", url (Slack: redacted), events: string[],
//     custom_headers: [{ name, value: "••••" }], health: "healthy"|"degraded"|"disabled", paused,
//     consecutive_failures, last_dispatched_at, last_success_at, last_failure_at (ISO|null),
//     parked_count (deliveries waiting for enable/resume), created_at, updated_at,
//     secrets: [{ id, state: "active"|"retiring", retire_at, extended, created_at }] (never plaintext) }
//
// DeliveryJson — GET /projects/{p}/deliveries?direction=&webhook=&status=&event=&cursor=&limit=
//   → { deliveries: DeliveryJson[], next_cursor: string | null }
//   { id, direction: "outbound"|"inbound", webhook_id, webhook_name, event_id, event_type,
//     status: "pending"|"delivering"|"succeeded"|"failed"|"dead"|"paused", outcome, outcome_reason,
//     attempts, next_attempt_at, last_status_code, last_error, replay_of, created_at, updated_at }
//
// DeliveryDetailJson — GET /projects/{p}/deliveries/{d}
//   { delivery: DeliveryJson, payload: envelope | null (inbound: null, only request_digest is kept),
//     request_digest, provider_delivery_id, url (redacted for Slack) | null,
//     attempts: [{ n, started_at, duration_ms, status_code, error_class, error_message,
//                  request_headers: { name: value } (signatures and custom values "••••"), response_excerpt }],
//     replay_chain: [{ id, replay_of, status, created_at }] (root first, includes this delivery) }
//
// POST …/deliveries/{d}/replay → 201 { delivery: DeliveryJson }
// POST …/deliveries/replay {ids} → 201 { replayed: DeliveryJson[], skipped: [{ id, reason: "inbound"|"not_found" }] }
// POST …/webhooks/outbound/{w}/test → 201 { delivery: DeliveryJson }
import { REDACTED, type StoredCustomHeader } from "./custom-headers";

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

export type WebhookRow = {
  id: string;
  name: string;
  kind: "generic" | "slack";
  url: string | null;
  urlRedacted: string;
  events: string[];
  customHeaders: unknown;
  health: "healthy" | "degraded" | "disabled";
  paused: boolean;
  consecutiveFailures: number;
  lastDispatchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
export type SecretRow = { id: string; state: "active" | "retiring"; retireAt: Date | null; extended: boolean; createdAt: Date };

export function presentWebhook(w: WebhookRow, secrets: SecretRow[] = [], parkedCount = 0) {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    url: w.kind === "slack" ? w.urlRedacted : (w.url ?? w.urlRedacted),
    events: w.events,
    custom_headers: (w.customHeaders as StoredCustomHeader[]).map((h) => ({ name: h.name, value: REDACTED })),
    health: w.health,
    paused: w.paused,
    consecutive_failures: w.consecutiveFailures,
    last_dispatched_at: iso(w.lastDispatchedAt),
    last_success_at: iso(w.lastSuccessAt),
    last_failure_at: iso(w.lastFailureAt),
    parked_count: parkedCount,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
    secrets: secrets.map((s) => ({ id: s.id, state: s.state, retire_at: iso(s.retireAt), extended: s.extended, created_at: iso(s.createdAt) })),
  };
}
export type OutboundWebhookJson = ReturnType<typeof presentWebhook>;

export type DeliveryRow = {
  id: string;
  direction: "outbound" | "inbound";
  outboundWebhookId: string | null;
  inboundWebhookId: string | null;
  webhookName: string | null;
  eventId: string | null;
  eventType: string;
  status: "pending" | "delivering" | "succeeded" | "failed" | "dead" | "paused";
  outcome: string | null;
  outcomeReason: string | null;
  attempts: number;
  nextAttemptAt: Date | string;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    direction: d.direction,
    webhook_id: d.outboundWebhookId ?? d.inboundWebhookId,
    webhook_name: d.webhookName,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    outcome: d.outcome,
    outcome_reason: d.outcomeReason,
    attempts: d.attempts,
    next_attempt_at: iso(d.nextAttemptAt),
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    replay_of: d.replayOf,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}
export type DeliveryJson = ReturnType<typeof presentDelivery>;

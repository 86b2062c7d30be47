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
//     recent_deliveries: [{ id, status, event_type, test, last_status_code, created_at }] (newest 5),
//     last_test: the latest Send Test delivery in the same shape | null,
//     secrets: [{ id, state: "active"|"retiring", retire_at, extended, created_at }] (never plaintext) }
//
// DeliveryJson — GET /projects/{p}/deliveries?direction=&webhook=&status=&event=&cursor=&limit=
//   → { deliveries: DeliveryJson[], next_cursor: string | null }
//   &q= (delivery id, event id = webhook-id, or tracker delivery id) &from=&to= (ISO instants, created_at)
//   status: an outbound status, or an inbound outcome (applied|imported|ignored|duplicate|synthetic|rejected)
//   { id, direction: "outbound"|"inbound", webhook_id, webhook_name (outbound; null for inbound),
//     inbound_provider ("jira"|"github"|"azure_devops", inbound only), test (Send Test), event_id, event_type,
//     status: "pending"|"delivering"|"succeeded"|"failed"|"dead"|"paused", outcome, outcome_reason,
//     attempts, next_attempt_at, last_status_code, last_error, replay_of, created_at, updated_at }
//
// DeliveryDetailJson — GET /projects/{p}/deliveries/{d}
//   { delivery: DeliveryJson, body: string | null — the exact bytes signed and sent (events.body; inbound: null,
//     only request_digest is kept),
//     request_digest, provider_delivery_id, url (redacted for Slack) | null,
//     attempts: [{ n, started_at, duration_ms, status_code, error_class, error_message,
//                  request_headers: { name: value } (signatures and custom values "••••"),
//                  request_body (Slack: the Block Kit message sent; generic: null, the body is `body`),
//                  status_line ("HTTP 503 Service Unavailable" | null), response_headers (capped) | null, response_excerpt }],
//     replay_chain: [{ id, replay_of, status, created_at }] (root first, includes this delivery) }
//
// POST …/deliveries/{d}/replay → 201 { delivery: DeliveryJson, waiting } (waiting: parked until resume/re-enable;
//   200 with the delivery already waiting when that event is parked for the webhook already)
// POST …/deliveries/{d}/retry → { delivery } (retrying or dead → due now); …/cancel → { delivery } (retrying → dead)
// GET  …/webhooks/outbound/{w}/recover?since=
//   → { count, too_many, since, max_count, max_age_days }
// POST …/webhooks/outbound/{w}/recover {since} → { recovered, waiting (parked: the webhook is paused or disabled) }
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

/** A delivery as a webhook card lists it (its five most recent, and its latest Send Test). */
export type RecentDeliveryRow = { id: string; status: DeliveryRow["status"]; eventType: string; test: boolean; lastStatusCode: number | null; createdAt: Date | string };
const presentRecent = (d: RecentDeliveryRow) => ({
  id: d.id,
  status: d.status,
  event_type: d.eventType,
  test: d.test,
  last_status_code: d.lastStatusCode,
  created_at: iso(d.createdAt),
});

export function presentWebhook(w: WebhookRow, secrets: SecretRow[] = [], parkedCount = 0, recent: RecentDeliveryRow[] = [], lastTest: RecentDeliveryRow | null = null) {
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
    recent_deliveries: recent.map(presentRecent),
    last_test: lastTest ? presentRecent(lastTest) : null,
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
  inboundProvider: "jira" | "github" | "azure_devops" | "simple_url" | null;
  test: boolean;
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
    // Inbound: the tracker, kept on the row, so the row stays labelled after its webhook is replaced.
    inbound_provider: d.inboundProvider,
    test: d.test,
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

// The process's Prometheus registry (prom-client) and the counters the engine and the inbound
// receipt move as work happens. Gauges read from PostgreSQL at scrape time live in ./collect.ts.
// One registry per process, even when bundlers load this module twice.
import client from "prom-client";

type Metrics = {
  registry: client.Registry;
  attempts: client.Counter<"outcome">;
  eventDelivered: client.Histogram;
  inboundReceipts: client.Counter<"outcome">;
};

const g = globalThis as unknown as { switchyardMetrics?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  return {
    registry,
    attempts: new client.Counter({
      name: "switchyard_delivery_attempts_total",
      help: "Outbound delivery attempts by outcome class (success, http_3xx, http_4xx, http_5xx, timeout, dns, refused, reset, tls, blocked_address, slack_error).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    eventDelivered: new client.Histogram({
      name: "switchyard_event_delivered_seconds",
      help: "From an event's creation to its successful delivery, per delivery (replays included).",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400],
      registers: [registry],
    }),
    inboundReceipts: new client.Counter({
      name: "switchyard_inbound_receipts_total",
      help: "Inbound receipts by outcome (applied, imported, ignored, duplicate, synthetic, rejected).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}

export const metrics = (): Metrics => (g.switchyardMetrics ??= create());

/** The outcome class of an attempt, the label of switchyard_delivery_attempts_total. */
export function attemptOutcome(statusCode: number | null, errorClass: string | null): string {
  if (!errorClass && statusCode !== null && statusCode >= 200 && statusCode < 300) return "success";
  if (errorClass === "http_status" && statusCode !== null) return `http_${Math.floor(statusCode / 100)}xx`;
  return errorClass ?? "unknown";
}

/** Counts one attempt, and for a success the time since its event was created. */
export function observeAttempt(statusCode: number | null, errorClass: string | null, eventCreatedMs: number): void {
  const m = metrics();
  const outcome = attemptOutcome(statusCode, errorClass);
  m.attempts.inc({ outcome });
  if (outcome === "success") m.eventDelivered.observe(Math.max(0, (Date.now() - eventCreatedMs) / 1000));
}

// Commits the outcomes of a batch of attempts in one short transaction: attempt rows, delivery
// states, and each webhook's health (folded in completion order) with its audit trail.
import "server-only";
import type postgres from "postgres";
import type { OperationalEventType } from "@/lib/events/catalog";
import { operationalEventsQuery, webhookSubject, type OperationalEvent } from "@/lib/events/operational";
import { logger } from "@/lib/logger";
import { foldHealth, type Health } from "../health";
import type { RetryDecision } from "../retry-policy";

export type AttemptRecord = {
  deliveryId: string;
  webhookId: string;
  /** Send Test: recorded like any attempt, but the webhook's health and last-delivery times ignore it. */
  test: boolean;
  n: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  /** The custom header names sent (none for Slack): with startedAt, what the request's headers are rebuilt from. */
  customHeaderNames: string[];
  responseExcerpt: string | null;
  responseHeaders: Record<string, string> | null;
  /** Slack only: the Block Kit message sent. */
  requestBody: string | null;
  decision: RetryDecision;
};

// postgres.js infers a parameter's type from its first element, so an array of booleans would go as
// one boolean; and drizzle makes timestamp arrays pass through unserialised, hence ISO text cast in SQL.
const BOOL = 16;

/** The operational event each health transition emits (to the project's other webhooks and its admins). */
const HEALTH_EVENT = { degraded: "webhook.degraded", disabled: "webhook.disabled", healthy: "webhook.recovered" } as const satisfies Record<Health, OperationalEventType>;

type LockedWebhook = {
  id: string;
  project_id: string;
  project_name: string;
  name: string;
  kind: "generic" | "slack";
  url_redacted: string;
  health: Health;
  consecutive_failures: number;
  paused: boolean;
};

export type RecordCounts = { succeeded: number; retrying: number; dead: number; parked: number };

export async function recordAttempts(sql: postgres.Sql, records: AttemptRecord[]): Promise<RecordCounts> {
  const counts: RecordCounts = { succeeded: 0, retrying: 0, dead: 0, parked: 0 };
  if (!records.length) return counts;
  const webhookIds = [...new Set(records.map((r) => r.webhookId))].sort();
  const deliveryIds = records.map((r) => r.deliveryId);
  // One connection, two round trips: the lock and read, then every write with the commit. Queries
  // issued together on a reserved connection leave in one socket write (postgres.js pipelines them);
  // on this kind of machine each write that wakes the PostgreSQL backend costs more than the SQL.
  const tx = await sql.reserve();
  try {
    // Losing this commit in a database crash only means the delivery is sent again (its lease
    // expires); at-least-once holds, so the attempt log need not wait for the WAL flush.
    // Sorted ids: concurrent drains lock webhooks in the same order and cannot deadlock. NO KEY UPDATE,
    // not UPDATE: emit()'s foreign-key checks take KEY SHARE on the same rows and must not wait on us.
    const [, , hooks] = await Promise.all([
      tx`begin`,
      tx`set local synchronous_commit = off`,
      tx<LockedWebhook[]>`
        select w.id, w.project_id, p.name as project_name, w.name, w.kind, w.url_redacted, w.health, w.consecutive_failures, w.paused
        from outbound_webhooks w join projects p on p.id = w.project_id
        where w.id = any(${webhookIds}::text[]) order by w.id for no key update of w`,
    ]);
    const state = new Map(hooks.map((h) => [h.id, h]));
    const webhookUpdates: { id: string; health: Health; cf: number; ok: boolean; failed: boolean }[] = [];
    const audits: { project_id: string; action: string; target_id: string; details: unknown }[] = [];
    const newlyDisabled: string[] = [];
    const operational: OperationalEvent[] = [];
    for (const h of hooks) {
      // Send Test does not move the counter (DESIGN 6.5): a test failing against a new receiver must not degrade it.
      const mine = records.filter((r) => r.webhookId === h.id && !r.test);
      if (!mine.length) continue;
      const outcomes = mine.map((r) => (r.decision.kind === "succeeded" ? "success" : "failure") as "success" | "failure");
      const next = foldHealth({ health: h.health, consecutiveFailures: h.consecutive_failures }, outcomes);
      webhookUpdates.push({ id: h.id, health: next.health, cf: next.consecutiveFailures, ok: outcomes.includes("success"), failed: outcomes.includes("failure") });
      for (const t of next.transitions) {
        audits.push({ project_id: h.project_id, action: `outbound_webhook.${t.to}`, target_id: h.id, details: { from: t.from, to: t.to, reason: t.reason } });
        const webhook = webhookSubject({ id: h.id, projectId: h.project_id, name: h.name, kind: h.kind, urlRedacted: h.url_redacted, health: t.to });
        operational.push({
          project: { id: h.project_id, name: h.project_name },
          type: HEALTH_EVENT[t.to],
          data: { webhook, previous_health: t.from, consecutive_failures: t.failures, reason: t.reason },
        });
        logger.warn({ webhook_id: h.id, project_id: h.project_id, from: t.from, to: t.to }, "webhook health changed");
        if (t.to === "disabled") newlyDisabled.push(h.id);
      }
      state.set(h.id, { ...h, health: next.health });
    }
    const statuses = records.map((r) => {
      const hook = state.get(r.webhookId);
      let status: string = r.decision.kind === "succeeded" ? "succeeded" : r.decision.kind === "dead" ? "dead" : "failed";
      // A failed delivery of a webhook that is (now) disabled or paused parks instead of retrying.
      if (status === "failed" && hook && (hook.health === "disabled" || hook.paused)) status = "paused";
      counts[status === "succeeded" ? "succeeded" : status === "dead" ? "dead" : status === "paused" ? "parked" : "retrying"]++;
      return status;
    });
    const column = <T>(f: (r: AttemptRecord) => T) => records.map(f);
    const ns = column((r) => r.n);
    const statusCodes = column((r) => r.statusCode);
    // Parameters as typed arrays, one per column: PostgreSQL reads them without parsing a JSON
    // document that repeats every key per row.
    const writes = [
      tx`
        insert into delivery_attempts (delivery_id, n, started_at, duration_ms, status_code, error_class, error_message, custom_header_names, response_excerpt, response_headers, request_body)
        select x.delivery_id, x.n, x.started_at, x.duration_ms, x.status_code, x.error_class, x.error_message, string_to_array(x.header_names, ','), x.response_excerpt,
               x.response_headers::jsonb, x.request_body
        from unnest(
          ${deliveryIds}::text[], ${ns}::int[], ${column((r) => r.startedAt.toISOString())}::text[]::timestamptz[], ${column((r) => r.durationMs)}::int[],
          ${statusCodes}::int[], ${column((r) => r.errorClass)}::text[], ${column((r) => r.errorMessage)}::text[],
          -- Header names are tokens (no commas), so each list goes as one text.
          ${column((r) => r.customHeaderNames.join(","))}::text[], ${column((r) => r.responseExcerpt?.replace(/\u0000/g, "") ?? null)}::text[],
          -- JSON text (escaped by JSON.stringify, so no NUL reaches PostgreSQL), parsed to jsonb above.
          ${column((r) => (r.responseHeaders ? JSON.stringify(r.responseHeaders) : null))}::text[], ${column((r) => r.requestBody)}::text[]
        ) as x(delivery_id, n, started_at, duration_ms, status_code, error_class, error_message, header_names, response_excerpt, response_headers, request_body)
        -- Only for deliveries that still exist (their webhook may have been deleted meanwhile), locked
        -- until commit so none is deleted under the insert: what a foreign key would check row by row,
        -- in one statement (migration 0003). The id list keeps it a primary-key probe.
        where x.delivery_id in (select id from deliveries where id = any(${deliveryIds}::text[]) for key share)
        -- An attempt number already logged (a row whose counter disagrees with its log, e.g. restored
        -- from a backup) keeps its first entry: one such row must not fail the batch, and with it every
        -- other outcome in it, again on each re-send.
        on conflict (delivery_id, n) do nothing`,
      // The explicit id list lets the planner probe the primary key instead of scanning the table.
      // Only the claim that is still current may settle the row: if this drain's lease ran out and
      // another drain re-claimed it, attempts moved on and this late result is logged above but changes nothing.
      tx`
        update deliveries d
        set status = x.status, next_attempt_at = now() + x.delay_ms * interval '1 millisecond',
            lease_until = null, last_status_code = x.status_code, last_error = x.last_error, updated_at = now()
        from unnest(
          ${deliveryIds}::text[], ${ns}::int[], ${statuses}::text[]::delivery_status[],
          ${column((r) => (r.decision.kind === "retry" ? r.decision.delayMs : 0))}::int[], ${statusCodes}::int[],
          ${column((r) => (r.decision.kind === "dead" ? `${r.decision.reason}${r.errorMessage ? ` Last error: ${r.errorMessage}` : ""}` : r.errorMessage))}::text[]
        ) as x(id, n, status, delay_ms, status_code, last_error)
        where d.id = any(${deliveryIds}::text[]) and d.id = x.id and d.lease_until is not null and d.attempts = x.n`,
      tx`
        update outbound_webhooks w
        set health = x.health, consecutive_failures = x.cf, last_dispatched_at = now(),
            last_success_at = case when x.ok then now() else w.last_success_at end,
            last_failure_at = case when x.failed then now() else w.last_failure_at end
        from unnest(
          ${webhookUpdates.map((u) => u.id)}::text[], ${webhookUpdates.map((u) => u.health)}::text[]::webhook_health[], ${webhookUpdates.map((u) => u.cf)}::int[],
          ${tx.array(webhookUpdates.map((u) => u.ok), BOOL)}::boolean[], ${tx.array(webhookUpdates.map((u) => u.failed), BOOL)}::boolean[]
        ) as x(id, health, cf, ok, failed)
        where w.id = x.id`,
    ];
    if (newlyDisabled.length) {
      writes.push(tx`
        update deliveries set status = 'paused', lease_until = null, updated_at = now()
        where outbound_webhook_id = any(${newlyDisabled}::text[]) and status in ('pending', 'failed') and lease_until is null`);
    }
    if (audits.length) {
      writes.push(tx`
        insert into audit_log (project_id, actor_id, action, target_id, details)
        select x.project_id, null, x.action, x.target_id, x.details
        from jsonb_to_recordset(${JSON.stringify(audits)}::jsonb) as x(project_id text, action text, target_id text, details jsonb)`);
    }
    if (operational.length) {
      // The transitions' events and notifications commit with them (built by lib/events, run here).
      const q = operationalEventsQuery(operational);
      writes.push(tx.unsafe(q.text, q.params as postgres.ParameterOrJSON<never>[]));
    }
    // After a failed write PostgreSQL refuses the rest and turns the commit into a rollback, so the
    // batch is all or nothing; the first error is the one reported.
    await Promise.all([...writes, tx`commit`]);
  } catch (err) {
    await tx`rollback`.catch(() => {});
    throw err;
  } finally {
    tx.release();
  }
  return counts;
}

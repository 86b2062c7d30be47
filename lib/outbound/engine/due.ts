// Due work, webhook by webhook (deliveries_due_idx: outbound_webhook_id, next_attempt_at, over the rows
// waiting to be sent). Finding the webhooks that have waiting rows is a loose index scan, one index
// descent per such webhook, so a webhook with a long backlog (re-enabled after a day down) or one at
// its cap of requests in flight costs a claim nothing: nobody walks its rows to get past them. Nor
// does a paused or disabled webhook's backlog: `sendable` leaves those webhooks out (parked.ts).
import "server-only";
import type postgres from "postgres";
import { blockedWebhook } from "./parked";

/**
 * Recursive CTEs: `waiting` (webhook_id, first_due) for every webhook with pending or failed outbound
 * deliveries, first_due being the earliest next_attempt_at among them (leased rows included), and
 * `sendable`, the same for the webhooks that are neither paused nor disabled.
 */
export function waitingByWebhook(sql: postgres.Sql) {
  return sql`
    waiting(webhook_id, first_due) as (
      (select outbound_webhook_id, next_attempt_at from deliveries
       where direction = 'outbound' and status in ('pending', 'failed')
       order by outbound_webhook_id, next_attempt_at limit 1)
      union all
      select n.outbound_webhook_id, n.next_attempt_at from waiting w cross join lateral (
        select outbound_webhook_id, next_attempt_at from deliveries
        where direction = 'outbound' and status in ('pending', 'failed') and outbound_webhook_id > w.webhook_id
        order by outbound_webhook_id, next_attempt_at limit 1
      ) n
    ),
    sendable(webhook_id, first_due) as (
      select w.webhook_id, w.first_due from waiting w join outbound_webhooks h on h.id = w.webhook_id
      where not ${sql.unsafe(blockedWebhook("h"))}
    )`;
}

/**
 * The condition on `deliveries d` for a row of webhook `webhook` (a column of the caller's query) that
 * a claim may take now: waiting and due, not leased. With `overdueMs`, only one due for that long.
 */
export function claimableOf(sql: postgres.Sql, webhook: string, overdueMs?: number) {
  const due = overdueMs === undefined ? sql`now()` : sql`now() - ${overdueMs} * interval '1 millisecond'`;
  return sql`d.outbound_webhook_id = ${sql.unsafe(webhook)} and d.direction = 'outbound' and d.status in ('pending', 'failed')
    and d.next_attempt_at <= ${due} and (d.lease_until is null or d.lease_until < now())`;
}

// Due work, webhook by webhook (deliveries_due_idx: outbound_webhook_id, next_attempt_at, over the rows
// waiting to be sent). Finding the webhooks that have waiting rows is a loose index scan, one index
// descent per such webhook, so a webhook with a long backlog (re-enabled after a day down) or one at
// its cap of requests in flight costs a claim nothing: nobody walks its rows to get past them.
import "server-only";
import type postgres from "postgres";

/**
 * A recursive CTE named `waiting`: (webhook_id, first_due) for every webhook with pending or failed
 * outbound deliveries, first_due being the earliest next_attempt_at among them (leased rows included).
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
    )`;
}

// The outbox as PostgreSQL sees it right now: depth by state and lag (how long the oldest due,
// unclaimed delivery has waited). Read at scrape time by /api/metrics and by /api/readyz.
import "server-only";
import { sqlClient } from "@/db/client";
import { claimableOf, waitingByWebhook } from "@/lib/outbound/engine/due";
import { parkedDelivery } from "@/lib/outbound/engine/parked";

export const OUTBOX_STATES = ["pending", "retrying", "delivering", "parked"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export async function outboxDepth(): Promise<Record<OutboxState, number>> {
  const sql = sqlClient();
  // The rows are those of deliveries_due_idx: the work, not the history. Parked: waiting rows of a
  // paused or disabled webhook (lib/outbound/engine/parked.ts).
  const rows = await sql<{ state: OutboxState; n: number }[]>`
    select case when ${sql.unsafe(parkedDelivery("d", "w"))} then 'parked'
                when d.lease_until > now() then 'delivering'
                when d.status = 'failed' then 'retrying'
                else 'pending' end as state, count(*)::int as n
    from deliveries d join outbound_webhooks w on w.id = d.outbound_webhook_id
    where d.direction = 'outbound' and d.status in ('pending', 'failed')
    group by 1`;
  const depth = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const r of rows) depth[r.state] = r.n;
  return depth;
}

/**
 * Seconds the oldest due, unclaimed delivery has waited past its time; 0 when nothing is waiting.
 * Parked deliveries are not late: their webhook is paused or disabled.
 */
export async function outboxLagSeconds(): Promise<number> {
  const sql = sqlClient();
  // Each webhook's oldest unleased due row (deliveries_due_idx), then the oldest of those.
  const [row] = await sql<{ lag: number }[]>`
    with recursive ${waitingByWebhook(sql)}
    select coalesce(extract(epoch from now() - min(o.next_attempt_at)), 0)::float8 as lag
    from sendable w cross join lateral (
      select d.next_attempt_at from deliveries d where ${claimableOf(sql, "w.webhook_id")}
      order by d.next_attempt_at limit 1
    ) o
    where w.first_due <= now()`;
  return Math.max(0, row.lag);
}

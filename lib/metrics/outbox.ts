// The outbox as PostgreSQL sees it right now: depth by state and lag (how long the oldest due,
// unclaimed delivery has waited). Read at scrape time by /api/metrics and by /api/readyz.
import "server-only";
import { sqlClient } from "@/db/client";
import { waitingByWebhook } from "@/lib/outbound/engine/due";

export const OUTBOX_STATES = ["pending", "retrying", "delivering", "parked"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export async function outboxDepth(): Promise<Record<OutboxState, number>> {
  // The rows are those of deliveries_due_idx and deliveries_parked_idx: the work, not the history.
  const rows = await sqlClient()<{ state: OutboxState; n: number }[]>`
    select case when status = 'paused' then 'parked'
                when lease_until > now() then 'delivering'
                when status = 'failed' then 'retrying'
                else 'pending' end as state, count(*)::int as n
    from deliveries
    where (direction = 'outbound' and status in ('pending', 'failed')) or status = 'paused'
    group by 1`;
  const depth = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const r of rows) depth[r.state] = r.n;
  return depth;
}

/** Seconds the oldest due, unclaimed delivery has waited past its time; 0 when nothing is waiting. */
export async function outboxLagSeconds(): Promise<number> {
  const sql = sqlClient();
  // Each webhook's oldest unleased due row (deliveries_due_idx), then the oldest of those.
  const [row] = await sql<{ lag: number }[]>`
    with recursive ${waitingByWebhook(sql)}
    select coalesce(extract(epoch from now() - min(o.next_attempt_at)), 0)::float8 as lag
    from waiting w cross join lateral (
      select d.next_attempt_at from deliveries d
      where d.outbound_webhook_id = w.webhook_id and d.direction = 'outbound' and d.status in ('pending', 'failed')
        and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now())
      order by d.next_attempt_at limit 1
    ) o
    where w.first_due <= now()`;
  return Math.max(0, row.lag);
}

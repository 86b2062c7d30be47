// The outbox's delivery states outside the drain: fan-out in the emitting transaction, and what
// pausing, disabling, resuming and re-enabling a webhook do to its deliveries. Deliveries of a paused
// or disabled webhook are parked, never dropped; parked is derived from the webhook (parked.ts), so
// pausing writes no delivery row and resuming only makes the waiting ones due now.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { EventEnvelope } from "@/lib/events/catalog";
import { blockedWebhook, waitingDelivery } from "./parked";

export const OUTBOX_CHANNEL = "switchyard_outbox";

/**
 * The outbox fan-out of `events` (a relation `e(id, project_id, type, about_webhook_id)`), as the body
 * of a data-modifying CTE (emit runs it in the event's own statement): one delivery per subscribed
 * webhook, all pending (those of a paused or disabled webhook are parked by that alone). An operational
 * event is never delivered to the webhook it is about (`about_webhook_id`), which may be the one failing.
 * Returns each new delivery's id.
 */
export function insertDeliveries(events: SQL): SQL {
  return sql`insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status)
    select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), w.project_id, 'outbound', w.id, e.id, e.type, 'pending'
    from ${events} join outbound_webhooks w on w.project_id = e.project_id and e.type = any(w.events)
    where w.id is distinct from e.about_webhook_id
    returning id`;
}

/** One event as the relation insertDeliveries reads. */
export function eventRelation(event: EventEnvelope): SQL {
  return sql`(values (${event.id}::text, ${event.project.id}::text, ${event.type}::text, null::text)) as e(id, project_id, type, about_webhook_id)`;
}

/**
 * A select expression that wakes the drains when CTE `cte` (an insertDeliveries) inserted anything
 * (all pending; a parked one wakes them for nothing, which costs one empty claim).
 */
export function notifyOutboxIfPending(cte: string): SQL {
  return sql`(select pg_notify(${OUTBOX_CHANNEL}, '') where exists (select 1 from ${sql.identifier(cte)}))`;
}

/** Wakes every in-process drain (delivered at commit). */
export async function notifyOutbox(exec: Executor): Promise<void> {
  await exec.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/**
 * On resume or re-enable: unless the webhook is still paused or disabled, its waiting deliveries
 * scheduled later (retries) become due now, as the rest already are, and the drains are woken.
 * Returns how many were set going (0 while the webhook stays blocked), for the audit.
 */
export async function unparkDeliveries(exec: Executor, webhookId: string): Promise<number> {
  // One statement: the count reads the rows as they were, which changes no count. Only rows past now
  // are rewritten, and next_attempt_at is their only change (deliveries_due_idx finds them).
  const [row] = await exec.execute<{ n: number }>(sql`
    with unblocked as (select 1 from outbound_webhooks w where w.id = ${webhookId} and not ${sql.raw(blockedWebhook("w"))}),
    due_now as (
      update deliveries d set next_attempt_at = now(), updated_at = now()
      where d.outbound_webhook_id = ${webhookId} and ${sql.raw(waitingDelivery("d"))} and d.next_attempt_at > now() and exists (select 1 from unblocked)
    )
    select count(*)::int as n from deliveries d
    where d.outbound_webhook_id = ${webhookId} and ${sql.raw(waitingDelivery("d"))} and exists (select 1 from unblocked)`);
  if (row.n) await notifyOutbox(exec);
  return row.n;
}

/**
 * How many of a webhook's deliveries wait to be sent. Pausing or disabling a webhook writes no delivery
 * row (they are parked by that alone); this is the count its audit entry records.
 */
export async function countWaiting(exec: Executor, webhookId: string): Promise<number> {
  const [row] = await exec.execute<{ n: number }>(sql`
    select count(*)::int as n from deliveries d where d.outbound_webhook_id = ${webhookId} and ${sql.raw(waitingDelivery("d"))}`);
  return row.n;
}

// The outbox's delivery states outside the drain: fan-out in the emitting transaction, and
// parking/unparking when a webhook is disabled, paused, re-enabled or resumed. Webhooks that are
// disabled or paused get their deliveries parked ('paused'), never dropped.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { EventEnvelope } from "@/lib/events/catalog";

export const OUTBOX_CHANNEL = "switchyard_outbox";

/**
 * The outbox fan-out of `events` (a relation `e(id, project_id, type, about_webhook_id)`), as the body
 * of a data-modifying CTE (emit runs it in the event's own statement): one delivery per subscribed
 * webhook, parked when the webhook is disabled or paused. An operational event is never delivered to
 * the webhook it is about (`about_webhook_id`), which may be the one failing. Returns each new delivery's status.
 */
export function insertDeliveries(events: SQL): SQL {
  return sql`insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status)
    select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), w.project_id, 'outbound', w.id, e.id, e.type,
           case when w.health = 'disabled' or w.paused then 'paused'::delivery_status else 'pending'::delivery_status end
    from ${events} join outbound_webhooks w on w.project_id = e.project_id and e.type = any(w.events)
    where w.id is distinct from e.about_webhook_id
    returning status`;
}

/** One event as the relation insertDeliveries reads. */
export function eventRelation(event: EventEnvelope): SQL {
  return sql`(values (${event.id}::text, ${event.project.id}::text, ${event.type}::text, null::text)) as e(id, project_id, type, about_webhook_id)`;
}

/** A select expression that wakes the drains when CTE `cte` (an insertDeliveries) made anything due now. */
export function notifyOutboxIfPending(cte: string): SQL {
  return sql`(select pg_notify(${OUTBOX_CHANNEL}, '') where exists (select 1 from ${sql.identifier(cte)} where status = 'pending'))`;
}

/** Wakes every in-process drain (delivered at commit). */
export async function notifyOutbox(exec: Executor): Promise<void> {
  await exec.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/** Parks a webhook's waiting deliveries; in-flight ones are parked when their attempt is recorded. */
export async function parkDeliveries(exec: Executor, webhookId: string): Promise<number> {
  const rows = await exec.execute(sql`
    update deliveries set status = 'paused', lease_until = null, updated_at = now()
    where outbound_webhook_id = ${webhookId} and status in ('pending', 'failed') and lease_until is null
    returning id`);
  return rows.length;
}

/** Makes parked deliveries due now, unless the webhook is still disabled or paused. */
export async function unparkDeliveries(exec: Executor, webhookId: string): Promise<number> {
  const rows = await exec.execute(sql`
    update deliveries d set status = 'pending', next_attempt_at = now(), updated_at = now()
    from outbound_webhooks w
    where d.outbound_webhook_id = ${webhookId} and d.status = 'paused' and w.id = d.outbound_webhook_id
      and not w.paused and w.health <> 'disabled'
    returning d.id`);
  if (rows.length) await notifyOutbox(exec);
  return rows.length;
}

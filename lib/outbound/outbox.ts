// Fan-out into the outbox: one delivery per subscribed webhook, in the emitting transaction.
// Webhooks that are disabled or paused by hand get their delivery parked ('paused'), never dropped.
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { EventEnvelope } from "@/lib/events/catalog";

export const OUTBOX_CHANNEL = "switchyard_outbox";

export async function enqueueDeliveries(tx: Tx, event: EventEnvelope): Promise<void> {
  const inserted = await tx.execute(sql`
    insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status)
    select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), w.project_id, 'outbound', w.id, ${event.id}, ${event.type},
           case when w.health = 'disabled' or w.paused then 'paused'::delivery_status else 'pending'::delivery_status end
    from outbound_webhooks w
    where w.project_id = ${event.project.id} and ${event.type} = any(w.events)
    returning status`);
  if (inserted.some((r) => r.status === "pending")) await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

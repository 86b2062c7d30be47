// emit(): the only way an event enters the system. It runs inside the domain write's transaction,
// so the event, its outbox deliveries and its live update commit (or roll back) with the write.
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { newId } from "@/lib/ids";
import { eventRelation, insertDeliveries, notifyOutboxIfPending } from "@/lib/outbound/engine/outbox";
import { insertLiveEvent, notifyLive } from "@/lib/realtime/publish";
import { eventSchemas, type EventData, type EventEnvelope, type EventType } from "./catalog";
import { envelopeBody } from "./envelope";

/** Emits a domain event; operational ones (about the hub itself) go through emitOperational (./operational.ts). */
export async function emit<T extends EventType>(
  tx: Tx,
  project: { id: string; name: string },
  type: T,
  data: EventData<T>,
): Promise<EventEnvelope> {
  const envelope: EventEnvelope = {
    id: newId("evt"),
    type,
    created_at: new Date().toISOString(),
    project: { id: project.id, name: project.name },
    // Parsing strips unknown keys, so nothing the schema does not promise reaches receivers.
    data: eventSchemas[type].parse(data) as Record<string, unknown>,
  };
  // The body is serialised here, once: it is what is signed and sent from now on (lib/events/envelope.ts).
  // One statement, one round trip: the events row, the outbox fan-out (+ NOTIFY when something is
  // due) and, for issue.* events, the live_events row (+ NOTIFY). Data-modifying CTEs always run to
  // completion, and the deliveries' foreign key to events is checked at the end of the statement.
  const live = type.startsWith("issue.");
  await tx.execute(sql`
    with event as (
      insert into events (id, project_id, type, body)
      values (${envelope.id}, ${project.id}, ${type}, ${envelopeBody(envelope)})
    ),
    fan_out as (${insertDeliveries(eventRelation(envelope))})${live ? sql`,
    live as (${insertLiveEvent(project.id, type, envelope.data)})` : sql``}
    select ${notifyOutboxIfPending("fan_out")}${live ? sql`, ${notifyLive("live")}` : sql``}`);
  return envelope;
}

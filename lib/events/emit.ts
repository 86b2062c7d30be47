// emit(): the only way an event enters the system. It runs inside the domain write's transaction,
// so the event, its outbox deliveries and its live update commit (or roll back) with the write.
import "server-only";
import { events } from "@/db/schema";
import type { Tx } from "@/db/client";
import { newId } from "@/lib/ids";
import { enqueueDeliveries } from "@/lib/outbound/outbox";
import { publishLive } from "@/lib/realtime/publish";
import { eventSchemas, type EventData, type EventEnvelope, type EventType } from "./catalog";

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
  await tx.insert(events).values({ id: envelope.id, projectId: project.id, type, payload: envelope });
  await enqueueDeliveries(tx, envelope);
  if (type.startsWith("issue.")) await publishLive(tx, project.id, type, envelope.data);
  return envelope;
}

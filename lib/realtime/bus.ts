// ONE `LISTEN switchyard_live` connection per server process, fanned out to every open stream of
// this process. A NOTIFY from any instance (carrying only {id, projectId}) makes this process read
// the live_events row once and hand it to the streams subscribed to that project.
// If the LISTEN connection drops and comes back, notifications may have been missed in between:
// subscribers get a `resync` and catch up from live_events by their last id.
import "server-only";
import { inArray } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { liveEvents } from "@/db/schema";
import { LIVE_CHANNEL } from "./publish";
import { logger } from "@/lib/logger";

export type LiveEvent = { id: number; projectId: string; kind: string; payload: unknown };
export type Subscriber = { projectIds: ReadonlySet<string>; deliver(event: LiveEvent): void; resync(): void };

type Bus = { subscribers: Set<Subscriber>; listening?: Promise<unknown>; connectedOnce: boolean; pending: Set<number>; flushing: boolean };

const g = globalThis as unknown as { switchyardLiveBus?: Bus };

function bus(): Bus {
  g.switchyardLiveBus ??= { subscribers: new Set(), connectedOnce: false, pending: new Set(), flushing: false };
  return g.switchyardLiveBus;
}

/** Subscribes to live events of some projects; resolves once LISTEN is active. Returns the unsubscribe. */
export async function subscribeLive(subscriber: Subscriber): Promise<() => void> {
  const b = bus();
  b.subscribers.add(subscriber);
  b.listening ??= sqlClient()
    .listen(LIVE_CHANNEL, (payload) => onNotify(b, payload), () => {
      // postgres.js calls this on every (re)connect of the LISTEN connection.
      if (b.connectedOnce) for (const s of b.subscribers) s.resync();
      b.connectedOnce = true;
    })
    .catch((err) => {
      b.listening = undefined; // the next subscriber tries again
      throw err;
    });
  await b.listening;
  return () => b.subscribers.delete(subscriber);
}

export function liveSubscriberCount(): number {
  return g.switchyardLiveBus?.subscribers.size ?? 0;
}

function onNotify(b: Bus, payload: string) {
  try {
    const { id } = JSON.parse(payload) as { id: number };
    if (Number.isSafeInteger(id)) b.pending.add(id);
  } catch {
    return;
  }
  if (!b.flushing) void flush(b);
}

// Notifications that arrive while a read is in flight are read together in the next batch, so a
// burst of writes costs a few queries per process, not one per notification per stream.
async function flush(b: Bus) {
  b.flushing = true;
  try {
    while (b.pending.size) {
      const ids = [...b.pending];
      b.pending.clear();
      const rows = await db().select().from(liveEvents).where(inArray(liveEvents.id, ids)).orderBy(liveEvents.id);
      for (const row of rows) {
        const event: LiveEvent = { id: row.id, projectId: row.projectId, kind: row.kind, payload: row.payload };
        for (const s of b.subscribers) if (s.projectIds.has(row.projectId)) s.deliver(event);
      }
    }
  } catch (err) {
    logger.error({ err }, "reading live events failed");
    for (const s of b.subscribers) s.resync();
  } finally {
    b.flushing = false;
  }
}

/** Live events of the projects after `afterId`, oldest first (SSE replay after Last-Event-ID). */
export async function liveEventsAfter(projectIds: string[], afterId: number, limit = 500): Promise<LiveEvent[]> {
  const rows = await sqlClient()<{ id: string; project_id: string; kind: string; payload: unknown }[]>`
    select id, project_id, kind, payload from live_events
    where project_id in ${sqlClient()(projectIds)} and id > ${afterId}
    order by id limit ${limit}`;
  return rows.map((r) => ({ id: Number(r.id), projectId: r.project_id, kind: r.kind, payload: r.payload }));
}

/** The newest live event id overall: where a fresh stream (no Last-Event-ID) starts. */
export async function latestLiveEventId(): Promise<number> {
  const [row] = await sqlClient()<{ id: string | null }[]>`select max(id) as id from live_events`;
  return Number(row?.id ?? 0);
}

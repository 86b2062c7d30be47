// ONE `LISTEN switchyard_live` connection per server process, fanned out to every open stream of
// this process. A NOTIFY from any instance (carrying only {id, projectId}) makes this process read
// the live_events row once and hand it to the streams subscribed to that project.
// If the LISTEN connection drops and comes back, notifications may have been missed in between:
// subscribers get a `resync` and catch up from live_events by their last id.
import "server-only";
import { inArray } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { liveEvents } from "@/db/schema";
import { logger } from "@/lib/logger";
import { LIVE_CHANNEL } from "./publish";

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

/**
 * What a reconnecting stream may replay: the live events after `afterId` of the projects in `floor`,
 * oldest first, each no older than its project's floor (lib/realtime/live-rules.ts). `complete` is
 * false when that is not everything the client missed (more than `limit` events, or events older than
 * a floor): then it should refetch instead, and nothing is replayed.
 */
export async function replayAfter(floor: ReadonlyMap<string, Date>, afterId: number, limit: number): Promise<{ events: LiveEvent[]; complete: boolean }> {
  if (!floor.size) return { events: [], complete: true };
  const sql = sqlClient();
  // Rows older than their floor are read (id only, no payload) so that a gap is noticed, never sent.
  const rows = await sql<{ id: string; project_id: string; kind: string; payload: unknown; visible: boolean }[]>`
    select e.id, e.project_id, e.kind, case when e.created_at >= f.since then e.payload end as payload, e.created_at >= f.since as visible
    from live_events e
    join unnest(${sql.array([...floor.keys()])}::text[], ${sql.array([...floor.values()].map((d) => d.toISOString()))}::timestamptz[]) as f(project_id, since)
      on f.project_id = e.project_id
    where e.id > ${afterId}
    order by e.id limit ${limit + 1}`;
  if (rows.length > limit || rows.some((r) => !r.visible)) return { events: [], complete: false };
  return { events: rows.map((r) => ({ id: Number(r.id), projectId: r.project_id, kind: r.kind, payload: r.payload })), complete: true };
}

/** The newest live event id overall: where a fresh stream (no Last-Event-ID) starts. */
export async function latestLiveEventId(): Promise<number> {
  const [row] = await sqlClient()<{ id: string | null }[]>`select max(id) as id from live_events`;
  return Number(row?.id ?? 0);
}

// The periodic tracker sync of a long-running server, started beside the outbox worker: every few
// minutes, one instance (pg_try_advisory_lock on a reserved connection) syncs each integration with
// an API credential whose last run started TRACKER_SYNC_MINUTES or more ago, one after another.
import "server-only";
import { sql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { env } from "@/lib/env";
import { Conflict } from "@/lib/http/errors";
import { logger } from "@/lib/logger";
import { syncIntegration } from "./reconcile";

const TICK_MS = 5 * 60_000;
const FIRST_TICK_MS = 30_000;
const LOOP_LOCK = "switchyard:tracker-sync-loop";

/** Projects due a scheduled sync: a credential set, and no run started within the interval. */
async function dueProjects(intervalMinutes: number): Promise<string[]> {
  const rows = await db().execute<{ project_id: string }>(sql`
    select i.project_id from issue_integrations i
    where i.credential_ciphertext is not null and i.provider <> 'simple_url'
      and not exists (select 1 from integration_sync_runs r
                      where r.project_id = i.project_id and r.started_at > now() - make_interval(mins => ${intervalMinutes}))
    order by i.project_id`);
  return rows.map((r) => r.project_id);
}

/** One pass, if no other instance is running one. Returns how many projects it synced. */
export async function runScheduledSyncs(intervalMinutes = env().TRACKER_SYNC_MINUTES): Promise<number> {
  const conn = await sqlClient().reserve();
  try {
    const [{ locked }] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${LOOP_LOCK}, 0)) as locked`;
    if (!locked) return 0;
    try {
      let synced = 0;
      for (const projectId of await dueProjects(intervalMinutes)) {
        try {
          await syncIntegration(projectId, "scheduled", null);
          synced++;
        } catch (err) {
          // A Sync now already running is fine; anything else is logged and the pass goes on.
          if (!(err instanceof Conflict)) logger.error({ err, project_id: projectId }, "scheduled tracker sync could not start");
        }
      }
      return synced;
    } finally {
      await conn`select pg_advisory_unlock(hashtextextended(${LOOP_LOCK}, 0))`;
    }
  } finally {
    conn.release();
  }
}

/**
 * Starts the loop (unless TRACKER_SYNC_MINUTES=0). Its timers are unref'd and it adds no signal
 * handler, so it never holds the process open nor delays the outbox worker's shutdown; a run cut
 * short by exit is marked abandoned once its run lock is free (./sync-runs.ts).
 */
export function runTrackerSyncLoopUntilShutdown(): void {
  const minutes = env().TRACKER_SYNC_MINUTES;
  if (minutes === 0) return;
  const tick = () => {
    void runScheduledSyncs(minutes)
      .catch((err) => logger.error({ err }, "scheduled tracker syncs failed; retrying at the next tick"))
      .finally(() => setTimeout(tick, TICK_MS).unref());
  };
  setTimeout(tick, FIRST_TICK_MS).unref();
  logger.info({ interval_minutes: minutes }, "tracker sync loop started");
}

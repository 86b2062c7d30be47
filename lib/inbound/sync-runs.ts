// The record of each reconciliation run (integration_sync_runs): started, finished, what it fetched
// and changed, its errors, and the watermark the next run starts from. One run per project at a time,
// across every instance: the process carrying a run out holds the project's run lock (a session
// advisory lock on its own connection) from before the record is opened until after it is finished,
// and the table's partial unique index allows one running record per project. So a record still
// "running" while its lock is free belongs to a process that died: it is marked abandoned when the
// next run starts or the history is read.
import "server-only";
import type postgres from "postgres";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { integrationSyncRuns, syncRunStatus, syncTrigger } from "@/db/schema";
import { Conflict } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { iso } from "@/lib/domain/iso";

type Row = typeof integrationSyncRuns.$inferSelect;
export type SyncTrigger = (typeof syncTrigger.enumValues)[number];
export type SyncRunStatus = (typeof syncRunStatus.enumValues)[number];
export type SyncCounts = { fetched: number; updated: number; imported: number; deleted: number; errors: number };

export const SYNC_HISTORY_LIMIT = 20;
/** Runs kept per project (hourly: about a week); older ones are dropped when a run starts. */
export const SYNC_RUNS_KEPT = 200;

export function presentSyncRun(row: Row) {
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    started_at: row.startedAt.toISOString(),
    finished_at: iso(row.finishedAt),
    fetched: row.fetched,
    updated: row.updated,
    imported: row.imported,
    deleted: row.deleted,
    errors: row.errors,
    last_error: row.lastError,
    rate_limited_until: iso(row.rateLimitedUntil),
  };
}
export type SyncRunJson = ReturnType<typeof presentSyncRun>;

const ALREADY_RUNNING = "A sync is already running for this project; its result appears in the sync history.";
const INTERRUPTED = "The run stopped without finishing (the server restarted or crashed).";

/** The project's run lock, held on a reserved connection; `release` unlocks and gives the connection back. */
export type RunLock = { release(): Promise<void> };

async function tryRunLock(projectId: string): Promise<RunLock | null> {
  const conn: postgres.ReservedSql = await sqlClient().reserve();
  const key = `switchyard:tracker-sync:${projectId}`;
  try {
    const [{ locked }] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
    if (locked) {
      return {
        release: async () => {
          try {
            await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
          } finally {
            conn.release();
          }
        },
      };
    }
  } catch (err) {
    conn.release();
    throw err;
  }
  conn.release();
  return null;
}

/** Marks the project's running records abandoned; only while holding its run lock (nobody is running them). */
async function abandonOrphans(projectId: string): Promise<void> {
  await db()
    .update(integrationSyncRuns)
    .set({ status: "abandoned", finishedAt: sql`now()`, lastError: INTERRUPTED })
    .where(and(eq(integrationSyncRuns.projectId, projectId), eq(integrationSyncRuns.status, "running")));
}

/**
 * Takes the run lock and opens a running record (an interrupted one before it is marked abandoned).
 * Conflict when a run is alive. The caller carries the run out, finishes it, then releases the lock.
 */
export async function startSyncRun(projectId: string, trigger: SyncTrigger, startedBy: string | null): Promise<{ run: Row; lock: RunLock }> {
  const lock = await tryRunLock(projectId);
  if (!lock) throw new Conflict(ALREADY_RUNNING);
  try {
    await abandonOrphans(projectId);
    const inserted = await db()
      .insert(integrationSyncRuns)
      .values({ id: newId("syr"), projectId, trigger, startedBy })
      .onConflictDoNothing({ target: integrationSyncRuns.projectId, where: sql`status = 'running'` })
      .returning();
    if (!inserted.length) throw new Conflict(ALREADY_RUNNING);
    await db().execute(sql`
      delete from integration_sync_runs where project_id = ${projectId} and started_at < (
        select started_at from integration_sync_runs where project_id = ${projectId}
        order by started_at desc offset ${SYNC_RUNS_KEPT - 1} limit 1)`);
    return { run: inserted[0], lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** A record shown running whose run lock is free was left by a process that died: mark it abandoned. */
async function settleInterrupted(projectId: string): Promise<void> {
  const lock = await tryRunLock(projectId);
  if (!lock) return; // alive (or just starting)
  try {
    await abandonOrphans(projectId);
  } finally {
    await lock.release();
  }
}

export async function finishSyncRun(
  runId: string,
  outcome: SyncCounts & { status: Exclude<SyncRunStatus, "running" | "abandoned">; lastError: string | null; rateLimitedUntil: Date | null; watermark: Date | null },
): Promise<Row> {
  const [row] = await db()
    .update(integrationSyncRuns)
    .set({ ...outcome, finishedAt: sql`now()` })
    .where(eq(integrationSyncRuns.id, runId))
    .returning();
  return row;
}

/** Where the next run starts: the latest run's watermark (null: from the beginning). */
export async function lastWatermark(projectId: string): Promise<Date | null> {
  const [row] = await db()
    .select({ watermark: integrationSyncRuns.watermark })
    .from(integrationSyncRuns)
    .where(and(eq(integrationSyncRuns.projectId, projectId), isNotNull(integrationSyncRuns.watermark)))
    .orderBy(desc(integrationSyncRuns.startedAt), desc(integrationSyncRuns.id))
    .limit(1);
  return row?.watermark ?? null;
}

export async function listSyncRuns(projectId: string) {
  const read = () => db()
    .select()
    .from(integrationSyncRuns)
    .where(eq(integrationSyncRuns.projectId, projectId))
    .orderBy(desc(integrationSyncRuns.startedAt), desc(integrationSyncRuns.id))
    .limit(SYNC_HISTORY_LIMIT);
  let rows = await read();
  if (rows.some((r) => r.status === "running")) {
    await settleInterrupted(projectId);
    rows = await read();
  }
  return rows.map(presentSyncRun);
}

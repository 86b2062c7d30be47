// The record of each reconciliation run (integration_sync_runs): started, finished, what it fetched
// and changed, its errors, and the watermark the next run starts from. The table's partial unique index
// allows one running run per project, across every instance; a run left running by a crashed process
// is marked abandoned once it is older than any run may be.
import "server-only";
import { and, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
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

/** Opens a run; Conflict when one is already running for the project. */
export async function startSyncRun(projectId: string, trigger: SyncTrigger, startedBy: string | null, staleAfterMs: number): Promise<Row> {
  await db()
    .update(integrationSyncRuns)
    .set({ status: "abandoned", finishedAt: sql`now()`, lastError: "The run stopped without finishing (the server restarted or crashed)." })
    .where(and(eq(integrationSyncRuns.projectId, projectId), eq(integrationSyncRuns.status, "running"), lt(integrationSyncRuns.startedAt, new Date(Date.now() - staleAfterMs))));
  const inserted = await db()
    .insert(integrationSyncRuns)
    .values({ id: newId("syr"), projectId, trigger, startedBy })
    .onConflictDoNothing({ target: integrationSyncRuns.projectId, where: sql`status = 'running'` })
    .returning();
  if (!inserted.length) throw new Conflict("A sync is already running for this project; its result appears in the sync history.");
  await db().execute(sql`
    delete from integration_sync_runs where project_id = ${projectId} and started_at < (
      select started_at from integration_sync_runs where project_id = ${projectId}
      order by started_at desc offset ${SYNC_RUNS_KEPT - 1} limit 1)`);
  return inserted[0];
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
  const rows = await db()
    .select()
    .from(integrationSyncRuns)
    .where(eq(integrationSyncRuns.projectId, projectId))
    .orderBy(desc(integrationSyncRuns.startedAt), desc(integrationSyncRuns.id))
    .limit(SYNC_HISTORY_LIMIT);
  return rows.map(presentSyncRun);
}

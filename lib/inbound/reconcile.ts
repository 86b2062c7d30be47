// Reconciliation: re-pulls the issues changed in the tracker since the last run through its REST API
// and applies them exactly as webhook receipts are applied — under the same per-issue advisory lock,
// through planSync (the staleness guard: a sync never rolls an issue back past a newer webhook) and
// applySync (the same domain writes, so issue.* events reach the outbox and open tabs). Then it asks
// the tracker about a slice of the linked issues it did not see, oldest-checked first, and applies
// the ones gone upstream as deletions. Each run is bounded and recorded (./sync-runs.ts); Sync now
// answers as soon as its run is open and carries it out in the background (startSync).
import "server-only";
import { and, asc, eq, ilike, inArray, notInArray, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { issues } from "@/db/schema";
import type { Issue } from "@/lib/domain/issues";
import { logger } from "@/lib/logger";
import { requireSyncableIntegration, type SyncableIntegration } from "./integrations";
import { adapters } from "./providers";
import type { NormalizedIssueEvent } from "./providers/normalized";
import { advanceWatermark, alreadyApplied, budgetExhausted, earliest, nextWatermark, runStatus, SYNC_LIMITS, type StopReason, type SyncLimits } from "./reconcile-plan";
import { applySync, issueLockKey, type SyncTarget } from "./sync";
import { planSync } from "./sync-plan";
import { finishSyncRun, lastWatermark, presentSyncRun, startSyncRun, type SyncCounts, type SyncTrigger } from "./sync-runs";
import { trackerClient } from "./trackers";
import { TrackerError } from "./trackers/http";

/** `retryFrom`: the tracker time of the oldest change that could not be applied; the next run starts there. */
type Tally = SyncCounts & { lastError: string | null; retryFrom: Date | null };

/** Runs one reconciliation for the project now and returns its record. Conflict if one is running. */
export async function syncIntegration(projectId: string, trigger: SyncTrigger, startedBy: string | null, limits: SyncLimits = SYNC_LIMITS) {
  const opened = await openRun(projectId, trigger, startedBy);
  return carryOut(opened, limits);
}

/**
 * Sync now: opens the run at once (NotFound / Conflict as syncIntegration) and carries it out in the
 * background of this process, holding the run lock until it is finished; returns the running record.
 */
export async function startSync(projectId: string, startedBy: string | null) {
  const opened = await openRun(projectId, "manual", startedBy);
  void carryOut(opened, SYNC_LIMITS).catch((err) => logger.error({ err, project_id: projectId, sync_run_id: opened.run.id }, "tracker sync could not be recorded"));
  return presentSyncRun(opened.run);
}

type Opened = { integration: SyncableIntegration } & Awaited<ReturnType<typeof startSyncRun>>;

async function openRun(projectId: string, trigger: SyncTrigger, startedBy: string | null): Promise<Opened> {
  const integration = await requireSyncableIntegration(projectId);
  return { integration, ...(await startSyncRun(projectId, trigger, startedBy)) };
}

/** The run itself, then its record finished and the run lock released (also when recording fails). */
async function carryOut({ integration, run, lock }: Opened, limits: SyncLimits) {
  try {
    return await reconcile(integration, run.id, limits);
  } finally {
    await lock.release();
  }
}

async function reconcile(integration: SyncableIntegration, runId: string, limits: SyncLimits) {
  const projectId = integration.projectId;
  const log = logger.child({ project_id: projectId, sync_run_id: runId, provider: integration.provider });
  const tally: Tally = { fetched: 0, updated: 0, imported: 0, deleted: 0, errors: 0, lastError: null, retryFrom: null };
  const started = Date.now();
  let watermark = await lastWatermark(projectId);
  let rateLimitedUntil: Date | null = null;
  let stopped: StopReason = null;
  let failed: string | null = null;
  const seen = new Set<string>();
  try {
    const target = await syncTarget(integration);
    const client = trackerClient(integration.provider, integration.config, integration.credential);
    let pages = 0;
    const adapter = adapters[integration.provider];
    for await (const page of client.changed(watermark, { pageSize: limits.pageSize, maxItems: limits.maxIssues })) {
      pages++;
      tally.fetched += page.events.length + page.unreadable.length;
      for (const problem of page.unreadable) note(tally, problem);
      // The queries name the integration's repository / project; the receipt's scope check still holds.
      const inScope = page.events.filter((e) => {
        const outside = adapter.outOfScope(e, integration.config);
        if (outside) note(tally, `${e.key}: ${outside}`);
        return !outside;
      });
      await applyEvents(target, inScope, tally);
      for (const e of page.events) seen.add(e.key);
      watermark = advanceWatermark(watermark, page.events);
      if (page.rateLimitedUntil) rateLimitedUntil = page.rateLimitedUntil;
      stopped = rateLimitedUntil ? null : budgetExhausted(limits, { pages, issues: tally.fetched, elapsedMs: Date.now() - started });
      if (rateLimitedUntil || stopped) break;
    }
    if (!rateLimitedUntil && !stopped) await sweepDeleted(target, integration, client, seen, tally);
  } catch (err) {
    if (err instanceof TrackerError && err.kind === "rate_limited") rateLimitedUntil = err.opts.retryAt ?? null;
    else if (err instanceof TrackerError) failed = err.message;
    else {
      log.error({ err }, "tracker sync failed");
      failed = "Switchyard could not finish the run (see the server log); the next run retries.";
    }
  }
  const { status, note: why } = runStatus({ failed, rateLimitedUntil, stopped, errors: tally.errors });
  const { retryFrom, ...counts } = tally;
  const row = await finishSyncRun(runId, { ...counts, status, lastError: why ?? tally.lastError, rateLimitedUntil, watermark: nextWatermark(watermark, retryFrom) });
  log.info({ status, fetched: tally.fetched, updated: tally.updated, imported: tally.imported, deleted: tally.deleted, errors: tally.errors }, "tracker sync finished");
  return presentSyncRun(row);
}

function note(tally: Tally, problem: string) {
  tally.errors++;
  tally.lastError = problem;
}

/** Where changes land, as the receipt pipeline computes it: the project's name and who imports new issues. */
async function syncTarget(integration: SyncableIntegration): Promise<SyncTarget> {
  const [row] = await db().execute<{ name: string; importer: string | null }>(sql`
    select p.name, coalesce(p.created_by, (select m.user_id from project_members m
             where m.project_id = p.id and m.role = 'admin' order by m.created_at limit 1)) as importer
    from projects p where p.id = ${integration.projectId}`);
  return { project: { id: integration.projectId, name: row.name }, provider: integration.provider, importer: row.importer };
}

/**
 * Applies a page in one transaction: the pages' issue locks (sorted, the receipt's key), one read of
 * their linked issues, then every write and its event pipelined. If the page fails (e.g. an imported
 * key collides), each issue is retried alone so one bad issue costs only itself.
 */
async function applyEvents(target: SyncTarget, events: NormalizedIssueEvent[], tally: Tally): Promise<void> {
  const latest = new Map<string, NormalizedIssueEvent>();
  for (const e of events) if (!e.sentinel) latest.set(e.key, e);
  if (!latest.size) return;
  try {
    const counts = await db().transaction((tx) => applyInTx(tx, target, [...latest.values()]));
    addCounts(tally, counts);
  } catch (err) {
    if (latest.size === 1) {
      const [event] = latest.values();
      note(tally, `${event.key}: ${err instanceof Error ? err.message.split("\n")[0].slice(0, 200) : "could not be applied"}`);
      tally.retryFrom = earliest(tally.retryFrom, event.updatedAt);
      return;
    }
    for (const e of latest.values()) await applyEvents(target, [e], tally);
  }
}

type Counts = Pick<SyncCounts, "updated" | "imported" | "deleted">;

async function applyInTx(tx: Tx, target: SyncTarget, events: NormalizedIssueEvent[]): Promise<Counts> {
  const keys = events.map((e) => e.key).sort();
  const lockKeys = keys.map((k) => issueLockKey(target.project.id, target.provider, { key: k }));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(ARRAY[${sql.join(lockKeys.map((k) => sql`${k}`), sql`, `)}]::text[]) as k`);
  const linked = await tx
    .select()
    .from(issues)
    .where(and(eq(issues.projectId, target.project.id), eq(issues.externalProvider, target.provider), inArray(issues.externalKey, keys)))
    .for("update");
  const byKey = new Map<string, Issue>(linked.map((i) => [i.externalKey!, i]));
  const counts: Counts = { updated: 0, imported: 0, deleted: 0 };
  const writes: Promise<void>[] = [];
  for (const event of events) {
    const existing = byKey.get(event.key);
    if (event.action === "upsert" && alreadyApplied(existing, event)) continue;
    const plan = planSync(event, existing);
    if (plan.outcome === "ignored") continue;
    if (plan.outcome === "imported") counts.imported++;
    else if (plan.action === "delete") counts.deleted++;
    else counts.updated++;
    writes.push(applySync(tx, target, event, plan));
  }
  await Promise.all(writes);
  return counts;
}

function addCounts(tally: Tally, c: Counts) {
  tally.updated += c.updated;
  tally.imported += c.imported;
  tally.deleted += c.deleted;
}

/**
 * Linked issues this run did not see may have been deleted upstream (a deletion leaves nothing in a
 * "changed since" list). A slice of them, least recently confirmed first, is checked each run; those
 * the tracker confirms gone are applied as deletions, the rest are stamped as confirmed now.
 */
async function sweepDeleted(target: SyncTarget, integration: SyncableIntegration, client: ReturnType<typeof trackerClient>, seen: Set<string>, tally: Tally) {
  const scope = linkedScope(integration);
  const candidates = await db()
    .select({ key: issues.externalKey })
    .from(issues)
    .where(
      and(
        eq(issues.projectId, integration.projectId),
        eq(issues.externalProvider, integration.provider),
        scope ? ilike(issues.externalKey, scope) : undefined,
        seen.size && seen.size <= 1000 ? notInArray(issues.externalKey, [...seen]) : undefined,
      ),
    )
    .orderBy(sql`${issues.syncedAt} asc nulls first`, asc(issues.id))
    .limit(client.missingBatch);
  const keys = candidates.map((c) => c.key!).filter((k) => !seen.has(k));
  if (!keys.length) return;
  const gone = new Set(await client.missing(keys));
  const deletions: NormalizedIssueEvent[] = [...gone].map((key) => ({ action: "delete", key, title: "", state: "closed", url: null, labels: [], assignee: null, updatedAt: null, rev: null, sentinel: false, scope: { project: null } }));
  await applyEvents(target, deletions, tally);
  const present = keys.filter((k) => !gone.has(k));
  if (present.length) {
    await db()
      .update(issues)
      .set({ syncedAt: sql`now()` })
      .where(and(eq(issues.projectId, integration.projectId), eq(issues.externalProvider, integration.provider), inArray(issues.externalKey, present)));
  }
}

/** A LIKE pattern for the keys that belong to the configured repository or project (GitHub, Jira). */
function linkedScope(integration: SyncableIntegration): string | null {
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (integration.provider === "github") return `${escape(integration.config.repository)}#%`;
  if (integration.provider === "jira") return `${escape(integration.config.project_key)}-%`;
  return null;
}

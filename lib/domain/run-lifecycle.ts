// The lifecycle test runs and sessions share (create, add result, change state, complete, duplicate),
// written once and parametrised by the kind of run. Every write locks the run, checks the rules in
// run-rules.ts and emits its `<subject>.<verb>` event in the same transaction.
import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { cases, testRunResults, testRuns } from "@/db/schema";
import type { EventData, EventType } from "@/lib/events/catalog";
import { emit } from "@/lib/events/emit";
import type { Page, PageParams } from "@/lib/http/cursor";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { iso } from "./iso";
import { listPage } from "./keyset";
import { projectLink } from "./links";
import { getProject } from "./projects";
import {
  OPEN_STATES,
  RESULT_STATUSES,
  addResultProblem,
  completeProblem,
  copyName,
  countResults,
  stateChangeProblem,
  type OpenState,
  type ResultCounts,
} from "./run-rules";

// Both run tables have the same columns (sessions add `charter`), and both result tables the same
// columns but the name of the foreign key. The code below is written against the test-run tables'
// types and told, through a RunKind (test-runs.ts, sessions.ts), which physical tables and key to use.
export type RunRow = typeof testRuns.$inferSelect & { charter?: string };
export type ResultRow = Omit<typeof testRunResults.$inferSelect, "testRunId">;

type Subject = "test_run" | "session";

export type RunKind = {
  subject: Subject;
  noun: string; // for messages: "test run"
  path: string; // URL segment: "test-runs"
  idPrefix: string;
  resultIdPrefix: string;
  runs: typeof testRuns;
  results: typeof testRunResults;
  resultRunColumn: AnyPgColumn;
  resultRunKey: string;
  hasCharter: boolean;
};

// ── Inputs ───────────────────────────────────────────────────────────────────

const git = z
  .object({
    commit_sha: z.string().trim().regex(/^[0-9a-f]{7,64}$/i, "Expected a hex commit SHA (7–64 characters).").nullable().optional(),
    branch: z.string().trim().min(1).max(255, "Keep the branch name under 255 characters.").nullable().optional(),
  })
  .nullable()
  .optional();
const name = z.string().trim().min(1, "Give it a name.").max(200, "Keep the name under 200 characters.");

export const createRunInput = z.object({ name, git, charter: z.string().max(10_000).optional() });
export const addResultInput = z.object({
  status: z.enum(RESULT_STATUSES, `Choose one of ${RESULT_STATUSES.join(", ")}.`),
  case_id: z.string().trim().min(1).nullable().optional(),
  comment: z.string().max(10_000, "Keep the comment under 10,000 characters.").default(""),
});
export const changeStateInput = z.object({
  state: z.enum(OPEN_STATES, "Choose new, in_progress or blocked (use complete to finish)."),
});

// ── Presenters (the objects of the event catalog and the API) ────────────────

export function presentRun(kind: RunKind, row: RunRow) {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    url: projectLink(row.projectId, kind.path, row.id),
    git: row.commitSha || row.branch ? { commit_sha: row.commitSha, branch: row.branch } : null,
    ...(kind.hasCharter ? { charter: row.charter ?? "" } : {}),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    completed_at: iso(row.completedAt),
  };
}

export function presentResult(row: ResultRow) {
  return { id: row.id, case_id: row.caseId, status: row.status, comment: row.comment, created_at: iso(row.createdAt) };
}

// ── Reads ────────────────────────────────────────────────────────────────────

/** One keyset page of the project's runs of this kind, newest first, with their result counts. */
export async function listRuns(kind: RunKind, projectId: string, page: PageParams): Promise<Page<{ run: RunRow; counts: ResultCounts }>> {
  const { items, next_cursor } = await listPage(kind.runs, projectId, page);
  const runs = items as RunRow[];
  const tallies = runs.length
    ? await db()
        .select({ runId: kind.resultRunColumn, status: kind.results.status, n: count() })
        .from(kind.results)
        .where(inArray(kind.resultRunColumn, runs.map((r) => r.id)))
        .groupBy(kind.resultRunColumn, kind.results.status)
    : [];
  return {
    items: runs.map((run) => {
      const mine = tallies.filter((t) => t.runId === run.id);
      return { run, counts: countResults(mine.flatMap((t) => Array<typeof t.status>(t.n).fill(t.status))) };
    }),
    next_cursor,
  };
}

export async function getRun(kind: RunKind, projectId: string, runId: string) {
  const [run] = (await db()
    .select()
    .from(kind.runs)
    .where(and(eq(kind.runs.projectId, projectId), eq(kind.runs.id, runId)))) as RunRow[];
  if (!run) throw new NotFound(`${capitalize(kind.noun)} not found.`);
  const results = await resultsOf(kind, run.id);
  return { run, results, counts: countResults(results.map((r) => r.status)) };
}

async function resultsOf(kind: RunKind, runId: string, ex: Tx | ReturnType<typeof db> = db()): Promise<ResultRow[]> {
  return ex
    .select()
    .from(kind.results)
    .where(eq(kind.resultRunColumn, runId))
    .orderBy(asc(kind.results.createdAt), asc(kind.results.id));
}

// ── Writes ───────────────────────────────────────────────────────────────────

export async function createRun(kind: RunKind, actorId: string, projectId: string, input: z.infer<typeof createRunInput>): Promise<RunRow> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const [run] = (await tx
      .insert(kind.runs)
      .values({
        id: newId(kind.idPrefix),
        projectId,
        name: input.name,
        commitSha: input.git?.commit_sha ?? null,
        branch: input.git?.branch ?? null,
        createdBy: actorId,
        ...(kind.hasCharter ? { charter: input.charter ?? "" } : {}),
      })
      .returning()) as RunRow[];
    await emitRun(tx, kind, project, "created", { [kind.subject]: presentRun(kind, run) });
    return run;
  });
}

export async function addResult(kind: RunKind, actorId: string, projectId: string, runId: string, input: z.infer<typeof addResultInput>) {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const run = await lockRun(tx, kind, projectId, runId);
    refuse(addResultProblem(kind.noun, run.state));
    if (input.case_id) await requireCase(tx, projectId, input.case_id);
    const [result] = (await tx
      .insert(kind.results)
      .values({
        id: newId(kind.resultIdPrefix),
        [kind.resultRunKey]: run.id,
        caseId: input.case_id ?? null,
        status: input.status,
        comment: input.comment,
        createdBy: actorId,
      } as unknown as typeof testRunResults.$inferInsert)
      .returning()) as ResultRow[];
    const touched = await touch(tx, kind, run.id, {});
    await emitRun(tx, kind, project, "result_added", { [kind.subject]: presentRun(kind, touched), result: presentResult(result) });
    return { run: touched, result };
  });
}

export async function changeRunState(kind: RunKind, projectId: string, runId: string, state: OpenState): Promise<RunRow> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const run = await lockRun(tx, kind, projectId, runId);
    refuse(stateChangeProblem(kind.noun, run.state, state));
    const updated = await touch(tx, kind, run.id, { state });
    await emitRun(tx, kind, project, "state_changed", { [kind.subject]: presentRun(kind, updated), previous_state: run.state });
    return updated;
  });
}

export async function completeRun(kind: RunKind, projectId: string, runId: string) {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const run = await lockRun(tx, kind, projectId, runId);
    refuse(completeProblem(kind.noun, run.state));
    const updated = await touch(tx, kind, run.id, { state: "completed", completedAt: new Date() });
    const counts = countResults((await resultsOf(kind, run.id, tx)).map((r) => r.status));
    await emitRun(tx, kind, project, "completed", { [kind.subject]: presentRun(kind, updated), results: counts });
    return { run: updated, counts };
  });
}

/** A fresh run with the same name + " (copy)", git metadata and charter; results are not copied. */
export async function duplicateRun(kind: RunKind, actorId: string, projectId: string, runId: string): Promise<RunRow> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const source = await lockRun(tx, kind, projectId, runId);
    const [copy] = (await tx
      .insert(kind.runs)
      .values({
        id: newId(kind.idPrefix),
        projectId,
        name: copyName(source.name),
        commitSha: source.commitSha,
        branch: source.branch,
        duplicatedFrom: source.id,
        createdBy: actorId,
        ...(kind.hasCharter ? { charter: source.charter ?? "" } : {}),
      })
      .returning()) as RunRow[];
    await emitRun(tx, kind, project, "duplicated", { [kind.subject]: presentRun(kind, copy), source_id: source.id });
    return copy;
  });
}

// ── Helpers ──────────────────────────────────────────────────────────────────

/** Row lock: a result cannot slip in while the run is being completed, nor two completions race. */
async function lockRun(tx: Tx, kind: RunKind, projectId: string, runId: string): Promise<RunRow> {
  const [run] = (await tx
    .select()
    .from(kind.runs)
    .where(and(eq(kind.runs.projectId, projectId), eq(kind.runs.id, runId)))
    .for("update")) as RunRow[];
  if (!run) throw new NotFound(`${capitalize(kind.noun)} not found.`);
  return run;
}

async function touch(tx: Tx, kind: RunKind, runId: string, changes: Partial<typeof testRuns.$inferInsert>): Promise<RunRow> {
  const [row] = (await tx
    .update(kind.runs)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(kind.runs.id, runId))
    .returning()) as RunRow[];
  return row;
}

async function requireCase(tx: Tx, projectId: string, caseId: string): Promise<void> {
  const [row] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.projectId, projectId), eq(cases.id, caseId)));
  if (!row) throw new Invalid("That case does not exist in this project.", [{ path: "case_id", message: "No such case in this project." }]);
}

function refuse(problem: string | undefined): void {
  if (problem) throw new Conflict(problem);
}

type Verb = "created" | "state_changed" | "completed" | "duplicated" | "result_added";

function emitRun(tx: Tx, kind: RunKind, project: { id: string; name: string }, verb: Verb, data: Record<string, unknown>) {
  const type = `${kind.subject}.${verb}` as EventType;
  // The catalog schema of `type` checks `data` inside emit(); the cast only bridges the dynamic key.
  return emit(tx, project, type, data as EventData<typeof type>);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

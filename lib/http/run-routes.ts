// Route handlers for a kind of run (test runs, sessions): the two resources share every verb, so
// their app/api/v1 files bind these once instead of keeping two copies of the same handlers.
import { requireProjectRole } from "@/lib/auth/access";
import {
  addResult,
  addResultInput,
  changeRunState,
  changeStateInput,
  completeRun,
  createRun,
  createRunInput,
  duplicateRun,
  getRun,
  presentResult,
  presentRun,
  type RunKind,
} from "@/lib/domain/run-lifecycle";
import { runListView } from "@/lib/domain/run-pages";
import { parsePageParams } from "./cursor";
import { json, parseBody, route } from "./route";

type RunParams = { projectId: string; runId: string };

export function runCollectionRoutes(kind: RunKind) {
  return {
    GET: route<{ projectId: string }>(async (req, { params }) => {
      const { projectId } = await params;
      await requireProjectRole(req, projectId, "member");
      return json(await runListView(kind, projectId, parsePageParams(new URL(req.url).searchParams)));
    }),
    POST: route<{ projectId: string }>(async (req, { params }) => {
      const { projectId } = await params;
      const actor = await requireProjectRole(req, projectId, "member");
      const input = await parseBody(req, createRunInput);
      const run = await createRun(kind, actor.userId, projectId, input);
      return json({ [kind.subject]: presentRun(kind, run) }, 201);
    }),
  };
}

export function runItemRoutes(kind: RunKind) {
  return {
    GET: route<RunParams>(async (req, { params }) => {
      const { projectId, runId } = await params;
      await requireProjectRole(req, projectId, "member");
      const { run, results, counts } = await getRun(kind, projectId, runId);
      return json({ [kind.subject]: { ...presentRun(kind, run), result_counts: counts }, results: results.map(presentResult) });
    }),
  };
}

export function runResultsRoutes(kind: RunKind) {
  return {
    POST: route<RunParams>(async (req, { params }) => {
      const { projectId, runId } = await params;
      const actor = await requireProjectRole(req, projectId, "member");
      const input = await parseBody(req, addResultInput);
      const { run, result } = await addResult(kind, actor.userId, projectId, runId, input);
      return json({ [kind.subject]: presentRun(kind, run), result: presentResult(result) }, 201);
    }),
  };
}

export function runStateRoutes(kind: RunKind) {
  return {
    POST: route<RunParams>(async (req, { params }) => {
      const { projectId, runId } = await params;
      await requireProjectRole(req, projectId, "member");
      const { state } = await parseBody(req, changeStateInput);
      const run = await changeRunState(kind, projectId, runId, state);
      return json({ [kind.subject]: presentRun(kind, run) });
    }),
  };
}

export function runCompleteRoutes(kind: RunKind) {
  return {
    POST: route<RunParams>(async (req, { params }) => {
      const { projectId, runId } = await params;
      await requireProjectRole(req, projectId, "member");
      const { run, counts } = await completeRun(kind, projectId, runId);
      return json({ [kind.subject]: { ...presentRun(kind, run), result_counts: counts } });
    }),
  };
}

export function runDuplicateRoutes(kind: RunKind) {
  return {
    POST: route<RunParams>(async (req, { params }) => {
      const { projectId, runId } = await params;
      const actor = await requireProjectRole(req, projectId, "member");
      const copy = await duplicateRun(kind, actor.userId, projectId, runId);
      return json({ [kind.subject]: presentRun(kind, copy), source_id: runId }, 201);
    }),
  };
}

// The run lists and pages as the API and the first server-rendered view both show them.
import "server-only";
import { FIRST_PAGE, presentPage, type PageParams } from "@/lib/http/cursor";
import { caseChoices } from "./cases";
import { getRun, listRuns, presentResult, presentRun, type RunKind } from "./run-lifecycle";

/** One page of runs with their result counts: `{test_runs | sessions: [...], next_cursor}`. */
export async function runListView(kind: RunKind, projectId: string, page: PageParams = FIRST_PAGE) {
  return presentPage(`${kind.subject}s`, await listRuns(kind, projectId, page), ({ run, counts }) => ({ ...presentRun(kind, run), result_counts: counts }));
}

export async function runDetailView(kind: RunKind, projectId: string, runId: string) {
  const [{ run, results, counts }, cases] = await Promise.all([getRun(kind, projectId, runId), caseChoices(projectId)]);
  return {
    detail: { run: { ...presentRun(kind, run), result_counts: counts }, results: results.map(presentResult) },
    cases,
  };
}

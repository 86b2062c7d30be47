// The first view of the run pages, rendered on the server from the same presenters as the API.
import "server-only";
import { listCases } from "./cases";
import { getRun, listRuns, presentResult, presentRun, type RunKind } from "./run-lifecycle";

export async function runListView(kind: RunKind, projectId: string) {
  return (await listRuns(kind, projectId)).map(({ run, counts }) => ({ ...presentRun(kind, run), result_counts: counts }));
}

export async function runDetailView(kind: RunKind, projectId: string, runId: string) {
  const [{ run, results, counts }, cases] = await Promise.all([getRun(kind, projectId, runId), listCases(projectId)]);
  return {
    detail: { run: { ...presentRun(kind, run), result_counts: counts }, results: results.map(presentResult) },
    cases: cases.map((c) => ({ id: c.id, title: c.title })),
  };
}

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { startSync } from "@/lib/inbound/reconcile";
import { listSyncRuns } from "@/lib/inbound/sync-runs";

/** The sync history, newest first. */
export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json({ runs: await listSyncRuns(projectId) });
});

/** Sync now: starts one reconciliation in the background and answers at once, 202 with its running record (409 when one is running). */
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ run: await startSync(projectId, actor.userId) }, 202);
});

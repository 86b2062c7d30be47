import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { syncIntegration } from "@/lib/inbound/reconcile";
import { listSyncRuns } from "@/lib/inbound/sync-runs";

/** The sync history, newest first. */
export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json({ runs: await listSyncRuns(projectId) });
});

/** Sync now: runs one reconciliation (bounded) and answers with its record. */
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ run: await syncIntegration(projectId, "manual", actor.userId) });
});

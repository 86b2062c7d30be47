import { requireProjectRole } from "@/lib/auth/access";
import { json, parseBody, route } from "@/lib/http/route";
import { bulkReplayInput, replayDeliveries } from "@/lib/outbound/replay";

// Bulk replay: at most 100 ids (101+ → 422, nothing enqueued); inbound ids are skipped and reported.
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const { ids } = await parseBody(req, bulkReplayInput);
  return json(await replayDeliveries(actor, projectId, ids), 201);
});

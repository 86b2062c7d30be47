import { requireProjectRole } from "@/lib/auth/access";
import { json, parseBody, parseQuery, route } from "@/lib/http/route";
import { previewRecover, recoverDeliveries, recoverInput, recoverPreviewQuery } from "@/lib/outbound/recover";

// GET ?since= (default: the last 24 hours): how many deliveries Recover would re-send (the confirmation's count); nothing changes.
export const GET = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await previewRecover(projectId, webhookId, parseQuery(req, recoverPreviewQuery)));
});

// POST {since}: re-send every failed and dead delivery of the webhook since then (each event once).
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, recoverInput);
  return json(await recoverDeliveries(actor, projectId, webhookId, input));
});

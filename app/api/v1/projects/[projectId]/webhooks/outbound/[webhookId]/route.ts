import { requireProjectRole } from "@/lib/auth/access";
import { json, parseBody, route } from "@/lib/http/route";
import { deleteOutboundWebhook, updateOutboundWebhook, updateOutboundWebhookInput } from "@/lib/outbound/webhooks";

type Params = { projectId: string; webhookId: string };

export const PATCH = route<Params>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, updateOutboundWebhookInput);
  return json({ webhook: await updateOutboundWebhook(actor, projectId, webhookId, input) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  await deleteOutboundWebhook(actor, projectId, webhookId);
  return new Response(null, { status: 204 });
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, NO_STORE, parseBody, route } from "@/lib/http/route";
import { createInboundWebhook, createInboundWebhookInput, deleteInboundWebhook } from "@/lib/inbound/inbound-webhooks";

// → 201 {webhook, url, secret} for Jira/GitHub, {webhook, url, username} for Azure DevOps; shown once.
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, createInboundWebhookInput);
  return json(await createInboundWebhook(actor, projectId, input), 201, NO_STORE);
});

export const DELETE = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  await deleteInboundWebhook(actor, projectId);
  return new Response(null, { status: 204 });
});

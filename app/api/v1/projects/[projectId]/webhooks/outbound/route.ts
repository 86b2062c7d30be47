import { requireProjectRole } from "@/lib/auth/access";
import { json, NO_STORE, parseBody, route } from "@/lib/http/route";
import { createOutboundWebhook, createOutboundWebhookInput } from "@/lib/outbound/webhooks";

export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, createOutboundWebhookInput);
  const { webhook, secret } = await createOutboundWebhook(actor, projectId, input);
  return json({ webhook, secret }, 201, NO_STORE);
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { pauseWebhook } from "@/lib/outbound/webhooks";

// Pause by hand: new and waiting deliveries park until resume.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ webhook: await pauseWebhook(actor, projectId, webhookId) }, 200);
});

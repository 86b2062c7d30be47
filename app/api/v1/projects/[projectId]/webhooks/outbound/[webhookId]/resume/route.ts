import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { resumeWebhook } from "@/lib/outbound/webhooks";

// Resume: parked deliveries become due now.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ webhook: await resumeWebhook(actor, projectId, webhookId) }, 200);
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { enableWebhook } from "@/lib/outbound/webhooks";

// Re-enable: clears the failure counter, sets Healthy and resumes parked deliveries.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ webhook: await enableWebhook(actor, projectId, webhookId) }, 200);
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { sendTestDelivery } from "@/lib/outbound/send-test";

// Send Test: the same synthetic webhook.test event on every click, recorded as a delivery.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ delivery: await sendTestDelivery(actor, projectId, webhookId) }, 201);
});

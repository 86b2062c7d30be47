import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { retireSecret } from "@/lib/outbound/secrets";

// Retire now: the retiring secret stops signing immediately.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await retireSecret(actor, projectId, webhookId), 200);
});

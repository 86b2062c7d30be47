import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { extendSecret } from "@/lib/outbound/secrets";

// Extend the retiring secret's deadline, once.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await extendSecret(actor, projectId, webhookId), 200);
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, NO_STORE, route } from "@/lib/http/route";
import { rotateSecret } from "@/lib/outbound/secrets";

// Rotate: → { webhook, secret }; the new secret is shown this once, the old one signs until its deadline.
export const POST = route<{ projectId: string; webhookId: string }>(async (req, { params }) => {
  const { projectId, webhookId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await rotateSecret(actor, projectId, webhookId), 200, NO_STORE);
});

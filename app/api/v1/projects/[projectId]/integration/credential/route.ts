import { requireProjectRole } from "@/lib/auth/access";
import { json, parseBody, route } from "@/lib/http/route";
import { credentialInput, removeIntegrationCredential, setIntegrationCredential } from "@/lib/inbound/integrations";

export const PUT = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, credentialInput);
  return json(await setIntegrationCredential(actor, projectId, input), 200, { "cache-control": "no-store" });
});

export const DELETE = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await removeIntegrationCredential(actor, projectId));
});

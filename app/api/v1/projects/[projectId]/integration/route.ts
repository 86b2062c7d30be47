import { requireProjectRole } from "@/lib/auth/access";
import { json, parseBody, route } from "@/lib/http/route";
import { getIntegration, integrationInput, removeIntegration, setIntegration } from "@/lib/inbound/integrations";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "member");
  return json({ integration: await getIntegration(projectId) });
});

export const PUT = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, integrationInput);
  return json(await setIntegration(actor, projectId, input));
});

export const DELETE = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await removeIntegration(actor, projectId));
});

import { requireProjectRole } from "@/lib/auth/access";
import { getProject, presentProject, renameProject, renameProjectInput } from "@/lib/domain/projects";
import { json, parseBody, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "member");
  return json({ project: presentProject(await getProject(projectId), actor.role) });
});

export const PATCH = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const { name } = await parseBody(req, renameProjectInput);
  return json({ project: presentProject(await renameProject(projectId, name), actor.role) });
});

import { requireActor } from "@/lib/auth/access";
import { createProject, createProjectInput, listMyProjects, presentProject } from "@/lib/domain/projects";
import { json, parseBody, route } from "@/lib/http/route";

// Any signed-in user lists the projects they belong to, and may create one (becoming its admin).
export const GET = route(async (req) => {
  const actor = await requireActor(req);
  const mine = await listMyProjects(actor.userId);
  return json({ projects: mine.map(({ project, role }) => presentProject(project, role)) });
});

export const POST = route(async (req) => {
  const actor = await requireActor(req);
  const { name } = await parseBody(req, createProjectInput);
  const project = await createProject(actor.userId, name);
  return json({ project: presentProject(project, "admin") }, 201);
});

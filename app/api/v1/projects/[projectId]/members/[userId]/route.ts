import { requireProjectRole } from "@/lib/auth/access";
import { changeMemberRole, changeRoleInput, presentMember, removeMember } from "@/lib/domain/members";
import { json, parseBody, route } from "@/lib/http/route";

type Params = { projectId: string; userId: string };

export const PATCH = route<Params>(async (req, { params }) => {
  const { projectId, userId } = await params;
  await requireProjectRole(req, projectId, "admin");
  const { role } = await parseBody(req, changeRoleInput);
  return json({ member: presentMember(await changeMemberRole(projectId, userId, role)) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, userId } = await params;
  await requireProjectRole(req, projectId, "admin");
  await removeMember(projectId, userId);
  return new Response(null, { status: 204 });
});

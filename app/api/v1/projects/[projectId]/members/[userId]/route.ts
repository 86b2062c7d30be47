import { requireProjectRole } from "@/lib/auth/access";
import { changeMemberRole, changeRoleInput, removeMember } from "@/lib/domain/members";
import { json, parseBody, route } from "@/lib/http/route";

type Params = { projectId: string; userId: string };

export const PATCH = route<Params>(async (req, { params }) => {
  const { projectId, userId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const { role } = await parseBody(req, changeRoleInput);
  return json({ member: await changeMemberRole(actor, projectId, userId, role) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, userId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  await removeMember(actor, projectId, userId);
  return new Response(null, { status: 204 });
});

import { requireProjectRole } from "@/lib/auth/access";
import { addMember, addMemberInput, listMembers, listMembersQuery } from "@/lib/domain/members";
import { json, parseBody, parseQuery, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "member");
  return json(await listMembers(projectId, parseQuery(req, listMembersQuery)));
});

/** Adds someone who has an account; POST …/invitations also invites emails without one. */
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, addMemberInput);
  return json({ member: await addMember(actor, projectId, input) }, 201);
});

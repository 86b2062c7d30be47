import { requireProjectRole } from "@/lib/auth/access";
import { addMember, addMemberInput, listMembers, presentMember } from "@/lib/domain/members";
import { json, parseBody, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "member");
  return json({ members: (await listMembers(projectId)).map(presentMember) });
});

export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, addMemberInput);
  return json({ member: presentMember(await addMember(projectId, input)) }, 201);
});

import { requireProjectRole } from "@/lib/auth/access";
import { deleteIssue, getIssue, presentIssue, updateIssue, updateIssueInput } from "@/lib/domain/issues";
import { json, parseBody, route } from "@/lib/http/route";

type Params = { projectId: string; issueId: string };

export const GET = route<Params>(async (req, { params }) => {
  const { projectId, issueId } = await params;
  await requireProjectRole(req, projectId, "member");
  return json({ issue: presentIssue(await getIssue(projectId, issueId)) });
});

export const PATCH = route<Params>(async (req, { params }) => {
  const { projectId, issueId } = await params;
  await requireProjectRole(req, projectId, "member");
  const input = await parseBody(req, updateIssueInput);
  return json({ issue: presentIssue(await updateIssue(projectId, issueId, input)) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, issueId } = await params;
  await requireProjectRole(req, projectId, "member");
  await deleteIssue(projectId, issueId);
  return new Response(null, { status: 204 });
});

import { requireProjectRole } from "@/lib/auth/access";
import { createIssue, createIssueInput, listIssues, presentIssue } from "@/lib/domain/issues";
import { parsePageParams, presentPage } from "@/lib/http/cursor";
import { json, parseBody, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "member");
  const page = await listIssues(projectId, parsePageParams(new URL(req.url).searchParams));
  return json(presentPage("issues", page, presentIssue));
});

export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "member");
  const input = await parseBody(req, createIssueInput);
  return json({ issue: presentIssue(await createIssue(actor.userId, projectId, input)) }, 201);
});

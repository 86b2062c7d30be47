import { requireProjectRole } from "@/lib/auth/access";
import { createCase, createCaseInput, listCases, presentCase } from "@/lib/domain/cases";
import { parsePageParams, presentPage } from "@/lib/http/cursor";
import { json, parseBody, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "member");
  const page = await listCases(projectId, parsePageParams(new URL(req.url).searchParams));
  return json(presentPage("cases", page, presentCase));
});

export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "member");
  const input = await parseBody(req, createCaseInput);
  return json({ case: presentCase(await createCase(actor.userId, projectId, input)) }, 201);
});

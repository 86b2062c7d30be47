import { requireProjectRole } from "@/lib/auth/access";
import { deleteCase, getCase, presentCase, updateCase, updateCaseInput } from "@/lib/domain/cases";
import { json, parseBody, route } from "@/lib/http/route";

type Params = { projectId: string; caseId: string };

export const GET = route<Params>(async (req, { params }) => {
  const { projectId, caseId } = await params;
  await requireProjectRole(req, projectId, "member");
  return json({ case: presentCase(await getCase(projectId, caseId)) });
});

export const PATCH = route<Params>(async (req, { params }) => {
  const { projectId, caseId } = await params;
  await requireProjectRole(req, projectId, "member");
  const input = await parseBody(req, updateCaseInput);
  return json({ case: presentCase(await updateCase(projectId, caseId, input)) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, caseId } = await params;
  await requireProjectRole(req, projectId, "member");
  await deleteCase(projectId, caseId);
  return new Response(null, { status: 204 });
});

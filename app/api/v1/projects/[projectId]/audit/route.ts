import { requireProjectRole } from "@/lib/auth/access";
import { auditFiltersQuery, listAudit } from "@/lib/audit/list";
import { parsePageParams, presentPage } from "@/lib/http/cursor";
import { json, parseQuery, route } from "@/lib/http/route";

/** ?cursor=&limit=&action=(group or code)&actor=(user id or "system")&from=&to= → {entries, next_cursor}, newest first. */
export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  const page = await listAudit(projectId, parseQuery(req, auditFiltersQuery), parsePageParams(new URL(req.url).searchParams));
  return json(presentPage("entries", page, (e) => e));
});

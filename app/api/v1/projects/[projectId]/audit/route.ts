import { requireProjectRole } from "@/lib/auth/access";
import { listAudit, listAuditQuery } from "@/lib/audit/list";
import { json, parseQuery, route } from "@/lib/http/route";

/** ?cursor=&limit=&action=(group or code)&actor=(user id or "system")&from=&to= → {items, next_cursor}, newest first. */
export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await listAudit(projectId, parseQuery(req, listAuditQuery)));
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, parseQuery, route } from "@/lib/http/route";
import { listDeliveries, listDeliveriesQuery } from "@/lib/outbound/deliveries";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const query = parseQuery(req, listDeliveriesQuery);
  await requireProjectRole(req, projectId, "admin");
  return json(await listDeliveries(projectId, query));
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, parseQuery, route } from "@/lib/http/route";
import { listDeliveries, listDeliveriesQuery } from "@/lib/outbound/deliveries";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  const query = parseQuery(req, listDeliveriesQuery);
  return json(await listDeliveries(projectId, query));
});

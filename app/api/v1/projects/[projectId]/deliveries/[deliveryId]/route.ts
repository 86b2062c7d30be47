import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { getDeliveryDetail } from "@/lib/outbound/deliveries";

export const GET = route<{ projectId: string; deliveryId: string }>(async (req, { params }) => {
  const { projectId, deliveryId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await getDeliveryDetail(projectId, deliveryId));
});

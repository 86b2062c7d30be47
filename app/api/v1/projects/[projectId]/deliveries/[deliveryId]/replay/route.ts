import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { replayDelivery } from "@/lib/outbound/replay";

export const POST = route<{ projectId: string; deliveryId: string }>(async (req, { params }) => {
  const { projectId, deliveryId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ delivery: await replayDelivery(actor, projectId, deliveryId) }, 201);
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { replayDelivery } from "@/lib/outbound/replay";

// 201 with the new delivery; 200 with the one already parked when the event waits for this webhook.
export const POST = route<{ projectId: string; deliveryId: string }>(async (req, { params }) => {
  const { projectId, deliveryId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const { delivery, created } = await replayDelivery(actor, projectId, deliveryId);
  return json({ delivery, waiting: delivery.status === "paused" }, created ? 201 : 200);
});

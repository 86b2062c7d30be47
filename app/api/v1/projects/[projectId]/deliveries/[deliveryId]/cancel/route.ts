import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { cancelDeliveryRetries } from "@/lib/outbound/delivery-actions";

// Cancel retries: a retrying outbound delivery stops and reads Dead.
export const POST = route<{ projectId: string; deliveryId: string }>(async (req, { params }) => {
  const { projectId, deliveryId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ delivery: await cancelDeliveryRetries(actor, projectId, deliveryId) });
});

import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { retryDeliveryNow } from "@/lib/outbound/delivery-actions";

// Retry now: a retrying or dead outbound delivery becomes due at once.
export const POST = route<{ projectId: string; deliveryId: string }>(async (req, { params }) => {
  const { projectId, deliveryId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ delivery: await retryDeliveryNow(actor, projectId, deliveryId) });
});

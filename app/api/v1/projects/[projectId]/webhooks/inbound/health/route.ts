import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { readInboundHealth } from "@/lib/inbound/inbound-health";

/** The inbound webhook's recent receipts and any notice about them (the card on Settings → Webhooks). */
export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json({ health: await readInboundHealth(projectId) });
});

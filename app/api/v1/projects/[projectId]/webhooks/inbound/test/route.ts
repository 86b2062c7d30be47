import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { sendInboundTest } from "@/lib/inbound/send-test";

// → {status, outcome: "synthetic", delivery_id}: a sentinel event through the receipt pipeline.
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await sendInboundTest(projectId));
});

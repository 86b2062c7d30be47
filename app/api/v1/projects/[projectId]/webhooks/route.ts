import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { getProjectWebhooks } from "@/lib/outbound/webhooks";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await getProjectWebhooks(projectId));
});

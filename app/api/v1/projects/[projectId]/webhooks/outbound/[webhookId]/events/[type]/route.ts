import { requireProjectRole } from "@/lib/auth/access";
import { json, route } from "@/lib/http/route";
import { setEventSubscription } from "@/lib/outbound/webhooks";

type Params = { projectId: string; webhookId: string; type: string };

// One call per checkbox: PUT subscribes, DELETE unsubscribes; both are idempotent.
export const PUT = route<Params>(async (req, { params }) => {
  const { projectId, webhookId, type } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ webhook: await setEventSubscription(actor, projectId, webhookId, type, true) });
});

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, webhookId, type } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json({ webhook: await setEventSubscription(actor, projectId, webhookId, type, false) });
});

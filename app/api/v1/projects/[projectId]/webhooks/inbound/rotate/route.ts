import { requireProjectRole } from "@/lib/auth/access";
import { json, NO_STORE, route } from "@/lib/http/route";
import { rotateInboundWebhook } from "@/lib/inbound/inbound-webhooks";

// Hard cutover → {webhook, url, secret}; the old URL answers 404 from now on.
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  return json(await rotateInboundWebhook(actor, projectId), 200, NO_STORE);
});

// Inbound receipt from the project's issue tracker (DESIGN section 5): the token in the URL picks
// the webhook, the receipt pipeline decides; this shapes its result into the reply.
import { json, problem, route } from "@/lib/http/route";
import { receiveWebhook, type ReceiptResult } from "@/lib/inbound/receipt";

const TITLES: Record<ReceiptResult["status"], string> = {
  200: "OK",
  202: "Accepted",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  413: "Payload Too Large",
  503: "Service Unavailable",
};

/** Trackers that retry (Jira, Azure DevOps) wait at least this long after a 503. */
const RETRY_AFTER_SECONDS = 30;

export const POST = route<{ token: string }>(async (req, { params }) => {
  const { token } = await params;
  const r = await receiveWebhook(token, req);
  if (r.status < 300) return json({ outcome: r.outcome, delivery_id: r.deliveryId, ...(r.reason ? { reason: r.reason } : {}) }, r.status);
  const res = problem(r.status, TITLES[r.status], r.detail ?? TITLES[r.status]);
  if (r.status === 503) res.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  return res;
});

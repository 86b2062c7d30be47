// Inbound receipt from the project's issue tracker (DESIGN section 5): the token in the URL picks
// the webhook; everything else is the receipt pipeline's job.
import { route } from "@/lib/http/route";
import { receiveWebhook } from "@/lib/inbound/receipt";

export const POST = route<{ token: string }>(async (req, { params }) => {
  const { token } = await params;
  return receiveWebhook(token, req);
});

import { requireActor } from "@/lib/auth/access";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const DELETE = route<{ tokenId: string }>(async (req, { params }) => {
  const { tokenId } = await params;
  const actor = await requireActor(req);
  await revokeApiToken(actor.userId, tokenId);
  return new Response(null, { status: 204 });
});

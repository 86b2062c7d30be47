import { requireActor, requireSession } from "@/lib/auth/access";
import { createApiToken, createApiTokenInput, listApiTokens } from "@/lib/auth/api-tokens";
import { json, NO_STORE, parseBody, route } from "@/lib/http/route";

export const GET = route(async (req) => {
  const actor = await requireActor(req);
  return json({ api_tokens: await listApiTokens(actor.userId) });
});

// Only a signed-in browser mints tokens (a Bearer token → 403). The token itself is in this
// response only, never cached; Switchyard keeps its SHA-256 hash.
export const POST = route(async (req) => {
  const actor = await requireSession(req);
  const input = await parseBody(req, createApiTokenInput);
  const { token, apiToken } = await createApiToken(actor.userId, input);
  return json({ api_token: apiToken, token }, 201, NO_STORE);
});

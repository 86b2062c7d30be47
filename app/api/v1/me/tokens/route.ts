import { z } from "zod";
import { requireActor } from "@/lib/auth/access";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { json, parseBody, route } from "@/lib/http/route";

const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after where it will be used, e.g. CI.").max(100, "Keep the name under 100 characters."),
});

export const GET = route(async (req) => {
  const actor = await requireActor(req);
  return json({ api_tokens: await listApiTokens(actor.userId) });
});

// The token itself is in this response only; Switchyard keeps its SHA-256 hash.
export const POST = route(async (req) => {
  const actor = await requireActor(req);
  const { name } = await parseBody(req, createTokenInput);
  const { token, apiToken } = await createApiToken(actor.userId, name);
  return json({ api_token: apiToken, token }, 201);
});

import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { blockedUntilForForm, retryAfterSeconds, retryWording } from "@/lib/auth/sign-in-throttle";
import { problem } from "@/lib/http/route";

export const { GET } = handlers;

// A throttled sign-in posted straight to next-auth's endpoint is a 429 with Retry-After (authorize()
// refuses it too, which covers the sign-in page's server action).
export async function POST(req: NextRequest) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const until = await blockedUntilForForm(req);
    if (until) {
      return problem(429, "Too Many Requests", `Too many failed sign-ins for this account or from this address. Try again ${retryWording(until)}.`, undefined, {
        "retry-after": String(retryAfterSeconds(until)),
      });
    }
  }
  return handlers.POST(req);
}

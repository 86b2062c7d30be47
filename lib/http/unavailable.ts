// The one 503 for "the database is unreachable": API routes (route()) and pages (proxy.ts) answer it,
// problem+json with Retry-After. Kept apart from route.ts so the proxy loads only this.
import { RETRY_AFTER_SECONDS } from "@/db/availability";

export function unavailable(): Response {
  const body = { type: "about:blank", title: "Service Unavailable", status: 503, detail: "The database is unreachable right now. Try again in a few seconds." };
  return new Response(JSON.stringify(body), { status: 503, headers: { "content-type": "application/problem+json", "retry-after": String(RETRY_AFTER_SECONDS) } });
}

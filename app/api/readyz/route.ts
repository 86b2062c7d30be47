// Readiness for load balancers and orchestrators: 200 {ok: true, checks} or 503 with each check's reason.
import { json, route } from "@/lib/http/route";
import { readiness } from "@/lib/readiness/readiness";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const result = await readiness();
  return json(result, result.ok ? 200 : 503, { "cache-control": "no-store" });
});

import { RETRY_AFTER_SECONDS } from "@/db/availability";
import { databaseHealth } from "@/db/client";
import { json, route } from "@/lib/http/route";

// Liveness: the process answers, and says whether the database answered within a short timeout.
export const GET = route(async () => {
  const health = await databaseHealth();
  return json({ ok: health.ok, database: health }, health.ok ? 200 : 503, health.ok ? undefined : { "retry-after": String(RETRY_AFTER_SECONDS) });
});

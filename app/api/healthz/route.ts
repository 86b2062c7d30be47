import { pingDatabase } from "@/db/client";
import { json, route } from "@/lib/http/route";

// Start-up and liveness check: answers once the database is reachable.
export const GET = route(async () => {
  await pingDatabase();
  return json({ ok: true });
});

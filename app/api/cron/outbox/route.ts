import { json, route } from "@/lib/http/route";
import { requireCronSecret } from "@/lib/outbound/cron";
import { drainOutbox } from "@/lib/outbound/engine/drain";

// For serverless hosts and system cron: one time-boxed drain (25 s), safe to run from many
// instances at once (claims use FOR UPDATE SKIP LOCKED). Returns what it did.
export const dynamic = "force-dynamic";
export const maxDuration = 60;

const handler = route(async (req) => {
  requireCronSecret(req);
  return json(await drainOutbox({ timeBoxMs: 25_000, untilIdle: true }));
});

export const GET = handler;
export const POST = handler;

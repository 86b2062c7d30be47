import { json, route } from "@/lib/http/route";
import { requireCronSecret } from "@/lib/outbound/cron";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { sweepSilentInbound } from "@/lib/inbound/silence";
import { pruneExpired } from "@/lib/retention/retention";

// For serverless hosts and system cron: one time-boxed drain (25 s), safe to run from many
// instances at once (claims use FOR UPDATE SKIP LOCKED), then a time-boxed retention pass (one
// instance at a time; `retention` is null when another one holds it) and the inbound silence sweep
// (`silent_inbound`: spells reported, null likewise). Returns what it did.
export const dynamic = "force-dynamic";
export const maxDuration = 60;

const handler = route(async (req) => {
  requireCronSecret(req);
  const drained = await drainOutbox({ timeBoxMs: 25_000, untilIdle: true });
  return json({ ...drained, retention: await pruneExpired({ timeBoxMs: 20_000 }), silent_inbound: await sweepSilentInbound() });
});

export const GET = handler;
export const POST = handler;

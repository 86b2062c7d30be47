// What a server process does once at start (called from instrumentation.ts): validate the
// environment, apply migrations, seed demo data when asked, start the background work (outbox worker,
// retention, tracker sync, the inbound silence sweep), and take over
// SIGTERM/SIGINT for a graceful shutdown (the launcher, scripts/run.ts, turns Next's own handler off
// with NEXT_MANUAL_SIG_HANDLE, which would otherwise exit the process at once).
import "server-only";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { sqlClient } from "@/db/client";
import { firstLine } from "@/db/unavailable";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { OutboxWorker } from "@/lib/outbound/engine/worker";

export async function bootServer(): Promise<void> {
  try {
    const config = env(); // throws with the variable's name on a bad value
    await migrateDatabase(config.DATABASE_URL);
    if (config.SEED_DEMO) await seedDemo();
    let worker: OutboxWorker | null = null;
    // The long-running background work of an instance: OUTBOX_WORKER=off leaves it to the cron route.
    if (config.OUTBOX_WORKER === "on") {
      worker = (await import("@/lib/outbound/engine/worker")).startOutboxWorker();
      logger.info("outbox worker started");
      (await import("@/lib/retention/loop")).startRetentionLoop();
      (await import("@/lib/inbound/silence")).startSilenceSweepLoop();
      (await import("@/lib/inbound/sync-loop")).runTrackerSyncLoopUntilShutdown();
    }
    handleShutdown(worker);
  } catch (err) {
    logger.fatal({ err }, `Switchyard cannot start: ${firstLine(err)}`);
    process.exit(1);
  }
}

/**
 * The shutdown sequence (issue 16): end live streams with a final `retry:` (lib/realtime/sse.ts), stop
 * claiming, let sends in flight finish within the grace period and hand back the leases of the rest at
 * once (another instance sends them now, not after the lease), close the database pool, exit. The launcher stops
 * the embedded PostgreSQL after this process has exited.
 */
function handleShutdown(worker: OutboxWorker | null): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing deliveries in flight");
    // Browsers first: their reconnect (to another instance) need not wait for the deliveries' grace.
    await closeLiveStreams().catch((err) => logger.error({ err }, "live streams did not end cleanly"));
    await worker?.stop().catch((err) => logger.error({ err }, "outbox worker did not stop cleanly"));
    await sqlClient()
      .end({ timeout: 2 })
      .catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

async function closeLiveStreams(): Promise<void> {
  const ended = (await import("@/lib/realtime/sse")).closeAllStreams();
  if (ended) logger.info({ streams: ended }, "live streams ended with a reconnect hint");
}

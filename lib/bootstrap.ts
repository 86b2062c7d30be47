// What a server process does once at start (called from instrumentation.ts):
// validate the environment, apply migrations, seed demo data when asked.
import "server-only";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export async function bootServer(): Promise<void> {
  try {
    const config = env(); // throws with the variable's name on a bad value
    await migrateDatabase(config.DATABASE_URL);
    if (config.SEED_DEMO) await seedDemo();
    if (config.OUTBOX_WORKER === "on") (await import("@/lib/outbound/engine/worker")).runOutboxWorkerUntilShutdown();
    if (config.OUTBOX_WORKER === "on") (await import("@/lib/retention/loop")).startRetentionLoop();
    if (config.OUTBOX_WORKER === "on") (await import("@/lib/inbound/sync-loop")).runTrackerSyncLoopUntilShutdown();
  } catch (err) {
    logger.fatal({ err }, "Switchyard cannot start");
    process.exit(1);
  }
}

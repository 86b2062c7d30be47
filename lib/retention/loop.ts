// The retention pass of a long-running server: started beside the outbox worker (lib/bootstrap.ts),
// once a minute after start and then every hour. Instances take turns through the advisory lock.
import "server-only";
import { logger } from "@/lib/logger";
import { pruneExpired } from "./retention";

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 3_600_000;

export function startRetentionLoop(): void {
  const run = async () => {
    try {
      const counts = await pruneExpired();
      if (counts && Object.values(counts).some((n) => n > 0)) logger.info({ pruned: counts }, "retention pass");
    } catch (err) {
      logger.error({ err }, "retention pass failed");
    } finally {
      setTimeout(run, EVERY_MS).unref();
    }
  };
  setTimeout(run, FIRST_RUN_MS).unref();
}

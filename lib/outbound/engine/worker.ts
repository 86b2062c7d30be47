// The in-process outbox worker of a long-running server (`next start`, `npm run dev`): one drain that
// never ends, woken by LISTEN switchyard_outbox (an event reaches a healthy receiver in milliseconds)
// and by a short poll (retries coming due, missed notifications). Stops cleanly on SIGTERM.
import "server-only";
import { sqlClient } from "@/db/client";
import { drainOutbox } from "./drain";
import { OUTBOX_CHANNEL } from "./outbox";
import { Wakeup } from "./wakeup";
import { logger } from "@/lib/logger";

const POLL_MS = 1_000;
const CYCLE_MS = 5 * 60_000;
const STOP_GRACE_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

export type OutboxWorker = { stop(): Promise<void> };

export function startOutboxWorker(): OutboxWorker {
  const abort = new AbortController();
  const wakeup = new Wakeup();
  const listening = sqlClient().listen(OUTBOX_CHANNEL, () => wakeup.notify(), () => wakeup.notify());
  const loop = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        // Long cycles, restarted now and then so counters and timers start fresh.
        await drainOutbox({ timeBoxMs: CYCLE_MS, wakeup, pollMs: POLL_MS, signal: abort.signal });
        failures = 0;
      } catch (err) {
        // Database unreachable: back off (1 s … 30 s) instead of logging every poll.
        const delay = Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** failures++);
        logger.error({ err, retry_in_ms: delay }, "outbox drain failed");
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  })();
  return {
    async stop() {
      abort.abort();
      wakeup.notify();
      // Attempts in flight finish and are recorded; any cut short are re-sent after their lease.
      await Promise.race([loop, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      await (await listening).unlisten().catch(() => {});
    },
  };
}

/** Starts the worker and stops it on SIGTERM/SIGINT before the process exits. */
export function runOutboxWorkerUntilShutdown(): void {
  const worker = startOutboxWorker();
  logger.info("outbox worker started");
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(() => {
      // Only exit ourselves when nobody else (Next.js) handles the signal.
      if (process.listenerCount(signal) <= 1) process.exit(0);
    });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

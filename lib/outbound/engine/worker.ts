// The in-process outbox worker of a long-running server (`next start`, `npm run dev`): one drain that
// never ends, woken by LISTEN switchyard_outbox (an event reaches a healthy receiver in milliseconds)
// and by a short poll (retries coming due, missed notifications).
//
// Supervised, so it cannot die quietly (issue 11: a drain once stopped for good after a database
// restart while events piled up): a cycle that throws is retried with a short backoff; a cycle whose
// heartbeat stops (it hangs), or that stops claiming while deliveries are overdue, is abandoned and a
// new one started, with one log line. On stop (SIGTERM) it stops claiming, lets sends in flight finish
// within the grace period and hands back the leases of those it had to cut (drain.ts).
import "server-only";
import { sqlClient } from "@/db/client";
import { logger } from "@/lib/logger";
import { hasOverdueDeliveries } from "./claim";
import { drainOutbox, type DrainOptions } from "./drain";
import { OUTBOX_CHANNEL } from "./outbox";
import { Wakeup } from "./wakeup";

const POLL_MS = 1_000;
const CYCLE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 1_000;

export type WorkerOptions = {
  /** A cycle silent (no heartbeat) or not claiming while work is overdue for this long is restarted. Default 45 s. */
  stallMs?: number;
  /** How often the supervisor looks. Default 5 s. */
  checkEveryMs?: number;
  /** After stop(): how long sends in flight may take before they are cut and their leases handed back. Default 10 s. */
  stopGraceMs?: number;
  /** The drain each cycle runs (tests hand it one that hangs once). */
  drain?: (options: DrainOptions) => Promise<unknown>;
  /** Passed to every cycle (tests: short leases). */
  drainOptions?: Pick<DrainOptions, "leaseMs" | "pollMs" | "attemptTimeoutMs">;
};

/** What the worker of this process is doing: for readiness (/api/readyz) and metrics. */
export type WorkerStatus = {
  running: boolean;
  startedAt: Date;
  /** Last turn of the drain loop: older than the stall limit means the cycle hangs. */
  lastProgressAt: Date;
  lastClaimAt: Date | null;
  restarts: number;
  stallMs: number;
};

export type OutboxWorker = { stop(): Promise<void>; status(): WorkerStatus };

const g = globalThis as unknown as { switchyardOutboxWorker?: OutboxWorker };

/** The status of this process's in-process worker, or null when none runs (OUTBOX_WORKER=off, cron only). */
export function outboxWorkerStatus(): WorkerStatus | null {
  return g.switchyardOutboxWorker?.status() ?? null;
}

export function startOutboxWorker(options: WorkerOptions = {}): OutboxWorker {
  const stallMs = options.stallMs ?? 45_000;
  const drain = options.drain ?? drainOutbox;
  const stopping = new AbortController();
  const wakeup = new Wakeup();
  const status: WorkerStatus = { running: true, startedAt: new Date(), lastProgressAt: new Date(), lastClaimAt: null, restarts: 0, stallMs };
  const beat = () => (status.lastProgressAt = new Date());
  // If the database is down at start, postgres.js keeps re-listening as its connection comes back.
  const listening = sqlClient()
    .listen(OUTBOX_CHANNEL, () => wakeup.notify(), () => wakeup.notify())
    .catch((err) => (logger.warn({ err }, "outbox: LISTEN failed; polling until the database is back"), null));

  // One supervised loop of cycles; `abandon` ends it (a restart), `stopping` ends them all.
  const runLoop = (abandon: AbortSignal) =>
    (async () => {
      const signal = AbortSignal.any([abandon, stopping.signal]);
      let failures = 0;
      while (!signal.aborted) {
        try {
          await drain({
            ...options.drainOptions,
            timeBoxMs: CYCLE_MS, // long cycles, restarted now and then so counters and timers start fresh
            wakeup,
            pollMs: options.drainOptions?.pollMs ?? POLL_MS,
            signal,
            stopGraceMs: options.stopGraceMs,
            heartbeat: beat,
            onClaim: () => {
              status.lastClaimAt = new Date();
              if (failures) logger.info({ failures }, "outbox: drain running again");
              failures = 0;
            },
          });
        } catch (err) {
          beat();
          // Database unreachable, most likely: one line per streak, and a short backoff (≤ 1 s) so
          // delivery resumes within seconds of the database coming back.
          if (!failures) logger.warn({ err }, "outbox: drain failed; retrying");
          await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures++)).unref());
        }
      }
    })();

  let current = { abandon: new AbortController(), loop: Promise.resolve() };
  current.loop = runLoop(current.abandon.signal);

  const supervise = setInterval(async () => {
    if (stopping.signal.aborted) return;
    const now = Date.now();
    let reason: string | null = null;
    if (now - status.lastProgressAt.getTime() > stallMs) reason = `no progress for ${now - status.lastProgressAt.getTime()} ms`;
    else if (now - (status.lastClaimAt ?? status.startedAt).getTime() > stallMs && (await hasOverdueDeliveries(sqlClient(), stallMs).catch(() => false))) {
      reason = "not claiming while deliveries are overdue";
    }
    if (!reason || stopping.signal.aborted) return;
    // The old cycle is abandoned, not awaited: whatever it waits on may never answer. Its rows, if
    // any, are sent again when their leases end.
    current.abandon.abort();
    status.restarts++;
    beat();
    logger.error({ reason, restarts: status.restarts }, `outbox: worker restarted (${reason})`);
    current = { abandon: new AbortController(), loop: Promise.resolve() };
    current.loop = runLoop(current.abandon.signal);
  }, options.checkEveryMs ?? 5_000);
  supervise.unref();

  const worker: OutboxWorker = {
    status: () => ({ ...status }),
    async stop() {
      clearInterval(supervise);
      stopping.abort();
      wakeup.notify();
      // Sends in flight get the grace period; then recording and handing back leases take a moment more.
      const grace = (options.stopGraceMs ?? 10_000) + 5_000;
      await Promise.race([current.loop, new Promise((r) => setTimeout(r, grace).unref())]);
      status.running = false;
      // UNLISTEN goes to the database, which may be the reason we stop: never wait on it long.
      const unlisten = (await listening)?.unlisten().catch(() => {});
      await Promise.race([unlisten, new Promise((r) => setTimeout(r, 1_000).unref())]);
    },
  };
  g.switchyardOutboxWorker = worker;
  return worker;
}

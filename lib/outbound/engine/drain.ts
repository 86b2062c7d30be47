// One drain cycle (DESIGN section 6.2–6.3): claim due deliveries in batches, send them with a global
// and a per-webhook cap on requests in flight, and commit outcomes in small batches as they complete.
// Time-boxed for the cron route; the in-process worker runs it with a wake-up signal instead.
// While slow sends hold most of the room, it still looks for due work every poll with what room is
// left (a retry due in 3 s goes out in 3 s). When the signal aborts (SIGTERM) it stops claiming, lets
// the sends in flight finish within the grace period, and hands back at once the leases of those cut
// short, so another instance sends them now rather than after the lease.
import "server-only";
import type postgres from "postgres";
import { sqlClient } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { claimDueDeliveries, releaseDeliveries, type ClaimedDelivery, type LoadedTarget } from "./claim";
import { ATTEMPT_TIMEOUT_MS, AttemptDeadline, sharedDispatcher, type Dispatcher } from "./dispatcher";
import { recordAttempts, type AttemptRecord } from "./record";
import { buildRequest } from "../request";
import { capResponseHeaders } from "../response-headers";
import { nextAttempt, TEST_NOT_RETRIED, type RetryDecision } from "../retry-policy";
import { enforceRetireDeadlines } from "./secret-deadlines";
import { classifySlackResponse } from "../slack";
import { Wakeup } from "./wakeup";
import { observeAttempt } from "@/lib/metrics/registry";

export type DrainOptions = {
  /** Stop claiming after this long; attempts in flight are cut at the same deadline. Default 25 s. */
  timeBoxMs?: number;
  /** How long a claim holds its rows before another drain may take them. Default 60 s. */
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  perWebhookCap?: number;
  attemptTimeoutMs?: number;
  /** Return as soon as nothing is due and nothing is in flight (cron, tests). */
  untilIdle?: boolean;
  /** Without untilIdle: how to wait for work (the worker notifies it on NOTIFY); default a plain poll. */
  wakeup?: Wakeup;
  pollMs?: number;
  signal?: AbortSignal;
  /** After the signal aborts: how long sends in flight may still take before they are cut and released. Default 10 s. */
  stopGraceMs?: number;
  /** Called on every turn of the loop (the worker's heartbeat). */
  heartbeat?: () => void;
  sql?: postgres.Sql;
  dispatcher?: Dispatcher;
  /** Called after every claim (tests use it to kill a drain mid-batch). */
  onClaim?: (claimed: ClaimedDelivery[]) => void;
};

export type DrainCounts = { claimed: number; succeeded: number; retrying: number; dead: number; parked: number; released: number; secrets_retired: number };

// 256 in flight (64 per webhook) keeps the drain, PostgreSQL and the receivers busy at once: with 128
// the pipeline ran dry while a claim or a flush was in PostgreSQL (bench/outbound.ts, ≈ +15 %).
export const DRAIN_DEFAULTS = { timeBoxMs: 25_000, leaseMs: 60_000, batchSize: 128, concurrency: 256, perWebhookCap: 64, pollMs: 1_000, stopGraceMs: 10_000 };
/**
 * Outcomes are committed in batches of up to this many, at most FLUSH_DELAY_MS after the first. Larger,
 * rarer flushes cost PostgreSQL less per outcome (≈ +10 % deliveries/s over 500 / 15 ms); the receiver
 * has its request already, only the recorded state waits, and a crash at worst re-sends what was waiting.
 */
export const FLUSH_SIZE = 1000;
const FLUSH_DELAY_MS = 30;
const SECRET_SWEEP_MS = 30_000;
// Recording retries while the database is unreachable (the rows stay leased meanwhile), often: the
// drain resumes claiming only once they are recorded.
const RECORD_RETRY_MAX_MS = 250;

export async function drainOutbox(options: DrainOptions = {}): Promise<DrainCounts> {
  const o = { ...DRAIN_DEFAULTS, ...options };
  const sql = o.sql ?? sqlClient();
  const dispatcher = o.dispatcher ?? sharedDispatcher();
  const appUrl = env().APP_URL;
  const deadline = Date.now() + o.timeBoxMs;
  const counts: DrainCounts = { claimed: 0, succeeded: 0, retrying: 0, dead: 0, parked: 0, released: 0, secrets_retired: 0 };
  // One signal for "look for work again": an attempt completed, or (worker) NOTIFY arrived.
  const wakeup = o.wakeup ?? new Wakeup();
  const inflightByWebhook = new Map<string, number>();
  const sends = new Set<Promise<void>>();
  let buffer: AttemptRecord[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let lastSecretSweep = 0;
  // Set when the stop grace ends: attempts still in flight are cut, and their rows released, not recorded.
  let cutShort = false;
  const cut: ClaimedDelivery[] = [];
  const deadlines = new Set<AttemptDeadline>();

  const record = async (batch: AttemptRecord[]) => {
    // While the database is unreachable, keep trying for as long as the rows' leases hold: a short
    // outage then costs no re-sends. After that (or on any other error) the rows are sent again when
    // their lease ends: at least once, never lost.
    const giveUp = Date.now() + o.leaseMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, RECORD_RETRY_MAX_MS)) {
      try {
        const c = await recordAttempts(sql, batch);
        counts.succeeded += c.succeeded;
        counts.retrying += c.retrying;
        counts.dead += c.dead;
        counts.parked += c.parked;
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || Date.now() + delay > giveUp) {
          logger.error({ err, attempts: batch.length }, "recording attempts failed; they are sent again after their lease");
          return;
        }
        o.heartbeat?.();
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = buffer;
    buffer = [];
    if (!batch.length) return;
    flushing = flushing.then(() => record(batch));
  };

  const start = (d: ClaimedDelivery, t: LoadedTarget, deadline: AttemptDeadline) => {
    inflightByWebhook.set(d.webhookId, (inflightByWebhook.get(d.webhookId) ?? 0) + 1);
    const p = attempt(d, t, deadline)
      .then(
        (rec) => {
          if (cutShort) return void cut.push(d); // cut by the shutdown, not the receiver's doing
          buffer.push(rec);
          if (buffer.length >= FLUSH_SIZE) flush();
          else flushTimer ??= setTimeout(flush, FLUSH_DELAY_MS);
        },
        // Not an attempt outcome but our own bug: leave the row leased, it is retried after the lease.
        (err) => logger.error({ err, delivery_id: d.id, webhook_id: d.webhookId, project_id: t.projectId }, "delivery could not be attempted"),
      )
      .finally(() => {
        inflightByWebhook.set(d.webhookId, inflightByWebhook.get(d.webhookId)! - 1);
        sends.delete(p);
        wakeup.notify();
      });
    sends.add(p);
  };

  const attempt = async (d: ClaimedDelivery, t: LoadedTarget, attemptEnds: AttemptDeadline): Promise<AttemptRecord> => {
    // The attempt's start second is the signed webhook-timestamp: the attempt row keeps it as started_at.
    const startedAt = new Date();
    const req = buildRequest(t.target, d.id, d.event, Math.floor(startedAt.getTime() / 1000), appUrl);
    const res = await dispatcher.send(req, attemptEnds);
    const ok = res.statusCode !== null && res.statusCode >= 200 && res.statusCode < 300;
    const slack = t.target.kind === "slack" && res.statusCode !== null ? classifySlackResponse(res.statusCode, res.excerpt ?? "") : null;
    // Send Test is one attempt, never retried (DESIGN 6.5): its failure is final at once.
    const decision: RetryDecision = d.test && !ok
      ? { kind: "dead", reason: TEST_NOT_RETRIED }
      : nextAttempt(d.attempt, ok ? { ok: true } : { ok: false, statusCode: res.statusCode, retryAfter: res.retryAfter, permanent: slack?.permanent });
    const errorClass = res.error?.errorClass ?? (ok ? null : slack ? "slack_error" : "http_status");
    const errorMessage = res.error?.message ?? (ok ? null : slack ? `Slack: ${slack.error}${slack.permanent ? " (permanent)" : ""}` : `HTTP ${res.statusCode}`);
    observeAttempt(res.statusCode, errorClass, d.eventCreatedMs);
    if (logger.isLevelEnabled("debug")) {
      logger.debug({ delivery_id: d.id, webhook_id: d.webhookId, project_id: t.projectId, attempt: d.attempt, status_code: res.statusCode, error_class: errorClass, duration_ms: res.durationMs }, "delivery attempted");
    }
    return {
      deliveryId: d.id,
      webhookId: d.webhookId,
      test: d.test,
      n: d.attempt,
      startedAt,
      durationMs: res.durationMs,
      statusCode: res.statusCode,
      errorClass,
      errorMessage,
      customHeaderNames: t.target.kind === "generic" ? t.target.headers.map((h) => h.name) : [],
      responseExcerpt: res.excerpt,
      responseHeaders: capResponseHeaders(res.headers),
      // Generic bodies are the event's stored body; a Slack message is built per attempt, so it is kept.
      requestBody: t.target.kind === "slack" ? req.body : null,
      decision,
    };
  };

  // At least this much room before claiming on a completion's wake-up: claims stay batches, not one by one.
  const minClaim = Math.min(o.batchSize, Math.ceil(o.concurrency / 4));
  let lastLook = 0;
  try {
    while (!o.signal?.aborted && Date.now() < deadline) {
      o.heartbeat?.();
      if (Date.now() - lastSecretSweep > SECRET_SWEEP_MS) {
        lastSecretSweep = Date.now();
        counts.secrets_retired += await enforceRetireDeadlines();
      }
      const room = o.concurrency - sends.size;
      const sinceLook = Date.now() - lastLook;
      // Room for a batch, or any room once a poll interval has passed: due retries are claimed on time
      // even while slow sends hold most of the room.
      if (room <= 0 || (room < minClaim && sinceLook < o.pollMs)) {
        await wakeup.wait(Math.min(room <= 0 ? o.pollMs : o.pollMs - sinceLook, deadline - Date.now()));
        continue;
      }
      lastLook = Date.now();
      const inFlightAtClaim = sends.size;
      const roomByWebhook = new Map([...inflightByWebhook].filter(([, n]) => n > 0).map(([id, n]) => [id, o.perWebhookCap - n]));
      const { deliveries: claimed, targets } = await claimDueDeliveries(sql, { limit: Math.min(room, o.batchSize), leaseMs: o.leaseMs, perWebhook: o.perWebhookCap, room: roomByWebhook });
      o.onClaim?.(claimed);
      if (!claimed.length) {
        // Idle only if nothing was in flight when the claim looked too: a webhook at its cap was left
        // out of it, and its last sends may have finished while it ran (their wake-up is remembered).
        if (!sends.size && !inFlightAtClaim && o.untilIdle) break;
        // A completion or NOTIFY wakes us early; otherwise look again after one poll.
        await wakeup.wait(Math.min(o.pollMs, deadline - Date.now()));
        continue;
      }
      counts.claimed += claimed.length;
      const release: ClaimedDelivery[] = [];
      const park: ClaimedDelivery[] = [];
      // The batch's attempts start now, together: one deadline for all of them.
      const attemptEnds = new AttemptDeadline(Math.max(1_000, Math.min(o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS, deadline - Date.now())));
      for (const d of deadlines) if (d.isExpired) deadlines.delete(d);
      deadlines.add(attemptEnds);
      for (const d of claimed) {
        const t = targets.get(d.webhookId);
        if (!t) continue; // webhook deleted meanwhile: its deliveries went with it
        // Paused or disabled after the claim looked: handed back, the rows wait parked (engine/parked.ts).
        if (t.blocked) park.push(d);
        else if ((inflightByWebhook.get(d.webhookId) ?? 0) >= o.perWebhookCap) release.push(d);
        else start(d, t, attemptEnds);
      }
      await releaseDeliveries(sql, [...release, ...park]);
      counts.released += release.length;
      counts.parked += park.length;
    }
  } finally {
    // Claiming has stopped (time box, stop signal, or a database error on the way out). Sends in flight
    // finish; on a stop, only within the grace period, and the rest are cut and their rows handed back.
    if (o.signal?.aborted && sends.size) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(sends), new Promise((r) => (timer = setTimeout(r, o.stopGraceMs)))]);
      clearTimeout(timer);
      if (sends.size) {
        cutShort = true;
        for (const d of deadlines) d.expireNow();
      }
    }
    await Promise.all(sends);
    flush();
    await flushing;
    if (cut.length) {
      await releaseDeliveries(sql, cut).then(
        () => (counts.released += cut.length),
        (err) => logger.error({ err, deliveries: cut.length }, "could not hand back the leases of cut attempts; they are sent again after the lease"),
      );
    }
  }
  return counts;
}

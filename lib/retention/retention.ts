// Retention (DESIGN section 3): finished deliveries (succeeded, dead) with their attempts, events no
// delivery refers to any more, inbound receipts (their dedupe keys: trackers redeliver for days, so at
// least INBOUND_MIN_DAYS) older than RETENTION_DAYS, live events past the live stream's replay window
// (all but the newest of each project, which keeps a reconnecting tab's gap noticeable),
// and read notifications. Deleted in small batches, each its own short transaction that skips rows
// someone holds (SKIP LOCKED) and never touches a row a claim could take (pending, failed: waiting, or parked),
// paced so a drain at load keeps its speed, by one instance at a time (an advisory lock).
import "server-only";
import type postgres from "postgres";
import { sqlClient } from "@/db/client";
import { env } from "@/lib/env";
import { REPLAY_MAX_AGE_MS } from "@/lib/realtime/live-rules";

export const INBOUND_MIN_DAYS = 7;
const RETENTION_LOCK = 727_002; // db/migrate.ts holds 727_001
const DAY_MS = 86_400_000;

export type PruneOptions = {
  sql?: postgres.Sql;
  /** The clock the cutoffs are measured from (tests age rows by moving it). */
  now?: Date;
  retentionDays?: number;
  batchSize?: number;
  /** After each batch, rest this many times as long as the batch took: at 3, pruning keeps a backend busy a quarter of the time. */
  restRatio?: number;
  /** Stop after this long; the next run carries on where this one stopped. */
  timeBoxMs?: number;
  signal?: AbortSignal;
};

export type PruneCounts = { deliveries: number; inbound: number; events: number; live_events: number; notifications: number };

export const PRUNE_DEFAULTS = { batchSize: 500, restRatio: 3, timeBoxMs: 10 * 60_000 };

/** What is older than what: pure, from one clock. */
export function retentionCutoffs(now: Date, retentionDays: number): { finished: Date; inbound: Date; live: Date } {
  return {
    finished: new Date(now.getTime() - retentionDays * DAY_MS),
    inbound: new Date(now.getTime() - Math.max(retentionDays, INBOUND_MIN_DAYS) * DAY_MS),
    live: new Date(now.getTime() - REPLAY_MAX_AGE_MS),
  };
}

/** One retention pass; null when another instance holds the lock (it is pruning right now). */
export async function pruneExpired(options: PruneOptions = {}): Promise<PruneCounts | null> {
  const o = { ...PRUNE_DEFAULTS, ...options };
  const cut = retentionCutoffs(o.now ?? new Date(), o.retentionDays ?? env().RETENTION_DAYS);
  const conn = await (o.sql ?? sqlClient()).reserve();
  try {
    const [{ locked }] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(${RETENTION_LOCK}) as locked`;
    if (!locked) return null;
    try {
      const deadline = Date.now() + o.timeBoxMs;
      const counts: PruneCounts = { deliveries: 0, inbound: 0, events: 0, live_events: 0, notifications: 0 };
      const finished = cut.finished.toISOString();
      const inbound = cut.inbound.toISOString();
      const live = cut.live.toISOString();
      const n = o.batchSize;
      // Each statement deletes at most one batch and reports how many it deleted; repeat until short.
      const drain = async (key: keyof PruneCounts, batch: () => Promise<{ n: number }[]>) => {
        for (;;) {
          if (o.signal?.aborted || Date.now() > deadline) return false;
          const t0 = performance.now();
          const [{ n: deleted }] = await batch();
          counts[key] += deleted;
          if (deleted < n) return true;
          await rest((performance.now() - t0) * o.restRatio, o.signal);
        }
      };
      // One batch: at most n rows of `table` matching `where`, skipping rows someone else holds; how many went.
      const batch = (table: string, where: postgres.PendingQuery<postgres.Row[]>) => () => conn<{ n: number }[]>`
        with doomed as (select id from ${conn(table)} where ${where} limit ${n} for update skip locked),
        gone as (delete from ${conn(table)} x using doomed where x.id = doomed.id returning 1)
        select count(*)::int as n from gone`;
      const projects = await conn<{ id: string }[]>`select id from projects order by id`;
      for (const { id: p } of projects) {
        // By project and age: deliveries_project_idx walks the oldest rows only (deliveries_project_inbound_idx for receipts). The delete
        // trigger of migration 0003 takes each delivery's attempts with it.
        const done =
          (await drain("deliveries", batch("deliveries", conn`project_id = ${p} and direction = 'outbound' and created_at < ${finished} and status in ('succeeded', 'dead')`))) &&
          (await drain("inbound", batch("deliveries", conn`project_id = ${p} and direction = 'inbound' and created_at < ${inbound}`))) &&
          // An event goes once nothing refers to it (deliveries_event_webhook_idx); a replay or retry that
          // inserts a delivery for it meanwhile waits on the row lock and then fails, not silently loses it.
          (await drain("events", batch("events", conn`project_id = ${p} and created_at < ${finished} and not exists (select 1 from deliveries d where d.event_id = events.id)`))) &&
          // Nothing older than REPLAY_MAX_AGE_MS is ever replayed (lib/realtime/live-rules.ts). A reconnecting
          // tab notices a gap by the too-old rows after its Last-Event-ID (replayAfter, lib/realtime/bus.ts) and
          // refetches, so the newest too-old row of each project stays: every pruned row is older than it.
          (await drain("live_events", batch("live_events", conn`project_id = ${p} and created_at < ${live}
            and id < (select max(id) from live_events l where l.project_id = ${p} and l.created_at < ${live})`)));
        if (!done) return counts;
      }
      await drain("notifications", batch("notifications", conn`read_at is not null and created_at < ${finished}`));
      return counts;
    } finally {
      await conn`select pg_advisory_unlock(${RETENTION_LOCK})`;
    }
  } finally {
    conn.release();
  }
}

function rest(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

// Telling admins when an inbound webhook has gone quiet: nothing accepted for a day after earlier
// traffic (the card's "silent" notice: isSilent in ./inbound-health.ts). A periodic sweep, run beside
// the outbox worker and after each cron drain, one instance at a time (an advisory lock), emits
// `inbound.failing` (reason "silent") to the project's other subscribed webhooks and a notification to
// its admins, once per silent spell: inbound_webhooks.silent_notified_at is set when it fires and
// cleared by the next accepted receipt (./receipt.ts). Rejections in a row are reported as they
// happen (./failing.ts).
import "server-only";
import { sql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { logger } from "@/lib/logger";
import { emitInboundFailing } from "./failing";
import { isSilent, silenceInWords } from "./inbound-health";
import type { InboundProvider } from "./providers";

const SILENCE_LOCK = 727_003; // db/migrate.ts holds 727_001, retention 727_002
const FIRST_RUN_MS = 90_000;
const EVERY_MS = 10 * 60_000;

/** Whether the sweep reports this webhook now: silent, and not reported since its last accepted receipt. */
export function silentSpellToReport(w: { lastAcceptedAt: Date | null; notifiedAt: Date | null }, now: Date): boolean {
  if (!w.lastAcceptedAt || !isSilent(w.lastAcceptedAt, now)) return false;
  return !w.notifiedAt || w.notifiedAt < w.lastAcceptedAt;
}

type Row = { id: string; project_id: string; project_name: string; provider: InboundProvider; notified_at: string | null; last_accepted_at: string };

/** One sweep; returns how many silent spells it reported, or null when another instance is sweeping. */
export async function sweepSilentInbound(now = new Date()): Promise<number | null> {
  const conn = await sqlClient().reserve();
  try {
    const [{ locked }] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(${SILENCE_LOCK}) as locked`;
    if (!locked) return null;
    try {
      // Each webhook's newest accepted receipt, along deliveries_project_inbound_idx ("nulls last" as the
      // index is built, or it would sort every receipt); a webhook that never accepted one has no row
      // here (it is not silent, just unused).
      const rows = await db().execute<Row>(sql`
        select w.id, w.project_id, p.name as project_name, w.provider, w.silent_notified_at as notified_at, a.created_at as last_accepted_at
        from inbound_webhooks w
        join projects p on p.id = w.project_id
        cross join lateral (
          select d.created_at from deliveries d
          where d.project_id = w.project_id and d.direction = 'inbound' and d.inbound_webhook_id = w.id and d.outcome <> 'rejected'
          order by d.created_at desc nulls last, d.id desc nulls last limit 1) a`);
      let reported = 0;
      for (const w of rows) {
        const due = silentSpellToReport({ lastAcceptedAt: new Date(w.last_accepted_at), notifiedAt: w.notified_at ? new Date(w.notified_at) : null }, now);
        if (due && (await reportSilence(w, now))) reported++;
      }
      return reported;
    } finally {
      await conn`select pg_advisory_unlock(${SILENCE_LOCK})`;
    }
  } finally {
    conn.release();
  }
}

/** Marks the spell reported and emits its event + notifications together; false if a receipt changed it meanwhile. */
async function reportSilence(w: Row, now: Date): Promise<boolean> {
  return db().transaction(async (tx) => {
    // Only if nobody touched the mark since it was read (an accepted receipt clears it, in its own transaction).
    const marked = await tx.execute(sql`
      update inbound_webhooks set silent_notified_at = ${now.toISOString()}
      where id = ${w.id} and silent_notified_at is not distinct from ${w.notified_at}::timestamptz returning id`);
    if (!marked.length) return false;
    await emitInboundFailing(tx, { id: w.id, projectId: w.project_id, provider: w.provider }, w.project_name, "silent", silenceInWords(w.provider));
    return true;
  });
}

/** Starts the periodic sweep of a long-running server (lib/bootstrap.ts); its timers never hold the process open. */
export function startSilenceSweepLoop(): void {
  const run = async () => {
    try {
      const reported = await sweepSilentInbound();
      if (reported) logger.info({ reported }, "inbound webhooks gone silent were reported");
    } catch (err) {
      logger.error({ err }, "inbound silence sweep failed; retrying at the next one");
    } finally {
      setTimeout(run, EVERY_MS).unref();
    }
  };
  setTimeout(run, FIRST_RUN_MS).unref();
}

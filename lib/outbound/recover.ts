// Recover: re-send every failed and dead delivery of a webhook since a chosen time (Svix's "recover"),
// e.g. after the receiver was down for an afternoon. Each event is re-sent once: a delivery is chosen
// only when no other delivery of its event to this webhook succeeded, is pending or is on its way, and
// of several failed copies of one event only one is taken (a retrying one before a dead one, else the
// newest). Chosen rows become due now (parked while the webhook is paused or disabled,
// lib/outbound/engine/parked.ts), keeping their history. Capped in age and count; admin only; audited.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import type { ProjectActor } from "@/lib/auth/access";
import { Invalid } from "@/lib/http/errors";
import { writeAudit } from "@/lib/audit/write";
import { notifyOutbox } from "./engine/outbox";
import { isBlocked } from "./engine/parked";
import { webhookJson } from "./webhook-read";

export const RECOVER_MAX_AGE_DAYS = 14;
export const RECOVER_MAX_COUNT = 1000;

export const recoverInput = z.object({
  since: z.iso
    .datetime({ offset: true, message: "an ISO 8601 date and time, e.g. 2026-05-15T10:00:00Z" })
    .refine((v) => Date.parse(v) >= Date.now() - RECOVER_MAX_AGE_DAYS * 86_400_000, `at most ${RECOVER_MAX_AGE_DAYS} days ago`)
    .refine((v) => Date.parse(v) <= Date.now(), "must not be in the future"),
});
export type RecoverInput = z.infer<typeof recoverInput>;
/** The preview's query: `since` as for Recover itself, the last 24 hours when left out. */
export const recoverPreviewQuery = z.object({ since: recoverInput.shape.since.default(() => new Date(Date.now() - 86_400_000).toISOString()) });

/**
 * The ids Recover would re-send, newest first, one more than the cap so "too many" is known. A failed or
 * dead delivery is chosen when no other delivery of its event to this webhook succeeded, is pending or is
 * on its way, nor is a failed or dead copy ranked before it (retrying before dead, then created_at, then
 * id: so each event is chosen once).
 *
 * Candidates are read newest first from the partial deliveries_recover_idx and the scan stops at the cap,
 * so the work grows with the failed deliveries in the window up to the cap, never with the history; each
 * candidate's check is one probe of deliveries_event_webhook_idx (that webhook's copies of its event).
 * The check is a scalar subquery on purpose: written as a bare NOT EXISTS it becomes an anti join whose
 * estimate (most copies succeed, so most candidates "match") made the planner read every candidate in
 * the window in parallel and sort them, 70 ms at 4,900 candidates instead of 7 ms (BENCHMARKS.md).
 */
export function recoverSelection(webhookId: string, since: string): SQL {
  return sql`
    select d.id
    from deliveries d
    where d.outbound_webhook_id = ${webhookId} and d.status in ('failed', 'dead') and d.created_at >= ${since}::timestamptz
      and d.lease_until is null and not d.test
      and (select not exists (
        select 1 from deliveries o
        where o.event_id = d.event_id and o.outbound_webhook_id = d.outbound_webhook_id and o.id <> d.id
          and (o.status in ('succeeded', 'pending') or o.lease_until is not null
               -- Of the failed and dead copies one is chosen: a retrying (or parked) one before a dead
               -- one, so no waiting copy is left beside it to send the event twice; else the newest.
               or (o.status in ('failed', 'dead') and not o.test
                   and (o.status = 'failed', o.created_at, o.id) > (d.status = 'failed', d.created_at, d.id)))))
    order by d.created_at desc, d.id desc
    limit ${sql.raw(String(RECOVER_MAX_COUNT + 1))}`; // a constant, so a generic plan knows it too
}

async function chosenIds(exec: Executor, webhookId: string, since: string): Promise<string[]> {
  const rows = await exec.execute<{ id: string }>(recoverSelection(webhookId, since));
  return rows.map((r) => r.id);
}

function tooMany(): Invalid {
  return new Invalid(`since: more than ${RECOVER_MAX_COUNT} deliveries failed since then; choose a later time and recover in steps`, [
    { path: "since", message: `more than ${RECOVER_MAX_COUNT} deliveries; choose a later time` },
  ]);
}

/** What the confirmation shows: how many deliveries Recover would re-send. */
export async function previewRecover(projectId: string, webhookId: string, input: RecoverInput) {
  await webhookJson(db(), projectId, webhookId); // 404 when not in this project
  const ids = await chosenIds(db(), webhookId, input.since);
  return { count: Math.min(ids.length, RECOVER_MAX_COUNT), too_many: ids.length > RECOVER_MAX_COUNT, since: input.since, max_count: RECOVER_MAX_COUNT, max_age_days: RECOVER_MAX_AGE_DAYS };
}

export async function recoverDeliveries(actor: ProjectActor, projectId: string, webhookId: string, input: RecoverInput) {
  return db().transaction(async (tx) => {
    const webhook = await webhookJson(tx, projectId, webhookId);
    const ids = await chosenIds(tx, webhookId, input.since);
    if (ids.length > RECOVER_MAX_COUNT) throw tooMany();
    const blocked = isBlocked(webhook);
    if (ids.length) {
      await tx.execute(sql`
        update deliveries set status = 'pending', next_attempt_at = now(), updated_at = now()
        where id in ${ids} and status in ('failed', 'dead') and lease_until is null`);
      if (!blocked) await notifyOutbox(tx);
    }
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.deliveries_recovered", targetId: webhookId, details: { since: input.since, count: ids.length } });
    return { recovered: ids.length, waiting: blocked };
  });
}

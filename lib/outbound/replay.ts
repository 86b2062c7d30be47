// Replay: a new delivery of the same event to the same webhook, pointing at the original through
// replay_of. Same event (so the same body and webhook-id), new x-switchyard-delivery.
// Bulk replay is one transaction: all of its outbound ids are enqueued or none. A replay onto a paused
// or disabled webhook waits, parked; it never adds a second waiting copy of an event (re-enable sends each once).
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { deliveries, outboundWebhooks } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { Invalid, NotFound } from "@/lib/http/errors";
import { MAX_ID_LENGTH, newId } from "@/lib/ids";
import { MAX_BULK_REPLAY } from "@/lib/webhooks/bulk-replay";
import { writeAudit } from "@/lib/audit/write";
import { notifyOutbox } from "./engine/outbox";
import { blockedWebhook, waitingDelivery } from "./engine/parked";
import { presentDelivery, type DeliveryJson } from "./present";

export const bulkReplayInput = z.object({
  ids: z
    .array(z.string().min(1).max(MAX_ID_LENGTH, "not a delivery id"))
    .min(1, "select at least one delivery")
    .max(MAX_BULK_REPLAY, `at most ${MAX_BULK_REPLAY} deliveries can be replayed at once; nothing was replayed`),
});

export type SkippedReplay = { id: string; reason: "inbound" | "not_found" };
export type ReplayResult = {
  /** New deliveries (parked ones among them wait for the webhook's resume or re-enable). */
  replayed: DeliveryJson[];
  /** The event is already parked for that webhook: it is sent once on resume/re-enable, so no copy is added. */
  waiting: DeliveryJson[];
  skipped: SkippedReplay[];
};

async function replayMany(tx: Tx, projectId: string, ids: string[]): Promise<ReplayResult> {
  const unique = [...new Set(ids)];
  const originals = await tx
    .select({ d: deliveries, webhookName: outboundWebhooks.name, blocked: sql<boolean>`${sql.raw(blockedWebhook("outbound_webhooks"))}` })
    .from(deliveries)
    .leftJoin(outboundWebhooks, eq(outboundWebhooks.id, deliveries.outboundWebhookId))
    .where(and(eq(deliveries.projectId, projectId), inArray(deliveries.id, unique)));
  const byId = new Map(originals.map((o) => [o.d.id, o]));
  // On a paused or disabled webhook a replay is parked. If the event waits there already (the original
  // itself, or an earlier replay), resume/re-enable sends that one: a second waiting copy would send the
  // event twice, so the waiting delivery is returned instead.
  const onBlocked = originals.filter((o) => o.blocked && o.d.eventId);
  const parked = onBlocked.length
    ? await tx
        .select()
        .from(deliveries)
        .where(and(
          inArray(deliveries.outboundWebhookId, [...new Set(onBlocked.map((o) => o.d.outboundWebhookId!))]),
          inArray(deliveries.eventId, [...new Set(onBlocked.map((o) => o.d.eventId!))]),
          sql.raw(waitingDelivery("deliveries")),
        ))
    : [];
  const parkedFor = new Map(parked.map((p) => [`${p.outboundWebhookId} ${p.eventId}`, p]));
  const skipped: SkippedReplay[] = [];
  const waiting: DeliveryJson[] = [];
  const rows: (typeof deliveries.$inferInsert)[] = [];
  for (const id of unique) {
    const o = byId.get(id);
    const already = o && parkedFor.get(`${o.d.outboundWebhookId} ${o.d.eventId}`);
    if (!o) skipped.push({ id, reason: "not_found" });
    // Inbound receipts keep only a digest of the tracker's request; they cannot be re-sent.
    else if (o.d.direction !== "outbound" || !o.d.eventId) skipped.push({ id, reason: "inbound" });
    else if (already) {
      if (!waiting.some((w) => w.id === already.id)) waiting.push(presentDelivery({ ...already, status: "paused", webhookName: o.webhookName }));
    } else {
      const row = {
        id: newId("dlv"),
        projectId,
        direction: "outbound" as const,
        outboundWebhookId: o.d.outboundWebhookId,
        eventId: o.d.eventId,
        eventType: o.d.eventType,
        status: "pending" as const,
        // A replayed Send Test is still a test: one attempt, health untouched.
        test: o.d.test,
        replayOf: o.d.id,
      };
      rows.push(row);
      if (o.blocked) parkedFor.set(`${o.d.outboundWebhookId} ${o.d.eventId}`, { ...o.d, ...row } as typeof o.d);
    }
  }
  const inserted = rows.length ? await tx.insert(deliveries).values(rows).returning() : [];
  if (inserted.length) await notifyOutbox(tx);
  const replayed = inserted.map((d) => {
    const o = byId.get(d.replayOf!);
    return presentDelivery({ ...d, status: o?.blocked ? "paused" : d.status, webhookName: o?.webhookName ?? null });
  });
  return { replayed, waiting, skipped };
}

/** One replay: `created` is false when the event was already waiting for the webhook (nothing was added). */
export async function replayDelivery(actor: ProjectActor, projectId: string, deliveryId: string): Promise<{ delivery: DeliveryJson; created: boolean }> {
  return db().transaction(async (tx) => {
    const { replayed, waiting, skipped } = await replayMany(tx, projectId, [deliveryId]);
    if (skipped[0]?.reason === "not_found") throw new NotFound("Delivery not found.");
    if (skipped[0]?.reason === "inbound") throw new Invalid("Inbound deliveries cannot be replayed: only a digest of the tracker's request is kept.");
    const delivery = replayed[0] ?? waiting[0];
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "delivery.replayed", targetId: deliveryId, details: { replay_id: delivery.id, created: !!replayed[0] } });
    return { delivery, created: !!replayed[0] };
  });
}

export async function replayDeliveries(actor: ProjectActor, projectId: string, ids: string[]) {
  return db().transaction(async (tx) => {
    const result = await replayMany(tx, projectId, ids);
    await writeAudit(tx, {
      projectId,
      actorId: actor.userId,
      action: "delivery.bulk_replayed",
      targetId: projectId,
      details: { replayed: result.replayed.length, waiting: result.waiting.length, skipped: result.skipped.length },
    });
    return result;
  });
}

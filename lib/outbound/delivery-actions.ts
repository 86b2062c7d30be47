// Acting on one outbound delivery by hand: Retry now (a retrying or dead delivery becomes due at once)
// and Cancel retries (a retrying delivery stops; it reads Dead with the reason). Both wait for nothing:
// the drain is woken and the row's state is what the Deliveries tab shows next.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { deliveries, outboundWebhooks } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { writeAudit } from "@/lib/audit/write";
import { notifyOutbox } from "./engine/outbox";
import { isBlocked } from "./engine/parked";
import { presentDelivery, type DeliveryJson } from "./present";

export const CANCELLED_REASON = "Retries were cancelled by an admin.";

async function lockDelivery(tx: Tx, projectId: string, deliveryId: string) {
  const [row] = await tx
    .select({ d: deliveries, webhookName: outboundWebhooks.name, paused: outboundWebhooks.paused, health: outboundWebhooks.health })
    .from(deliveries)
    .leftJoin(outboundWebhooks, eq(outboundWebhooks.id, deliveries.outboundWebhookId))
    .where(and(eq(deliveries.projectId, projectId), eq(deliveries.id, deliveryId)))
    .for("update", { of: deliveries });
  if (!row) throw new NotFound("Delivery not found.");
  if (row.d.direction !== "outbound") throw new Invalid("Inbound receipts are not retried by Switchyard: ask the tracker to redeliver them.");
  // A leased row is being sent right now (lib/outbound/engine/claim.ts); its outcome decides what comes next.
  if (row.d.leaseUntil) throw new Conflict("This delivery is being sent right now. Wait for the attempt to finish, then try again.");
  return row;
}

export async function retryDeliveryNow(actor: ProjectActor, projectId: string, deliveryId: string): Promise<DeliveryJson> {
  return db().transaction(async (tx) => {
    const { d, webhookName, paused, health } = await lockDelivery(tx, projectId, deliveryId);
    if (d.status !== "failed" && d.status !== "dead") {
      throw new Conflict(d.status === "succeeded" ? "This delivery succeeded already; use Replay to send it again." : "Only a retrying or dead delivery can be retried now.");
    }
    if (isBlocked({ paused, health })) throw new Conflict(`The webhook is ${paused ? "paused; resume" : "disabled; re-enable"} it first, then retry.`);
    const [updated] = await tx
      .update(deliveries)
      .set({ status: "pending", nextAttemptAt: sql`now()` as unknown as Date, updatedAt: sql`now()` as unknown as Date })
      .where(eq(deliveries.id, deliveryId))
      .returning();
    await notifyOutbox(tx);
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "delivery.retried", targetId: deliveryId, details: { from: d.status } });
    return presentDelivery({ ...updated, webhookName });
  });
}

export async function cancelDeliveryRetries(actor: ProjectActor, projectId: string, deliveryId: string): Promise<DeliveryJson> {
  return db().transaction(async (tx) => {
    const { d, webhookName, paused, health } = await lockDelivery(tx, projectId, deliveryId);
    // A failed row of a paused or disabled webhook is parked (engine/parked.ts), not retrying.
    if (d.status !== "failed" || isBlocked({ paused, health })) throw new Conflict("Only a retrying delivery can have its retries cancelled.");
    const [updated] = await tx
      .update(deliveries)
      .set({ status: "dead", lastError: CANCELLED_REASON, updatedAt: sql`now()` as unknown as Date })
      .where(eq(deliveries.id, deliveryId))
      .returning();
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "delivery.retries_cancelled", targetId: deliveryId });
    return presentDelivery({ ...updated, webhookName });
  });
}

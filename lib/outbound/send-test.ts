// Send Test: a synthetic webhook.test event through the normal pipeline. Its id and created_at are
// derived from the webhook, and the event row is written once, so every click sends the same body
// and webhook-id — the second click exercises the receiver's deduplication.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { deliveries, events, outboundWebhooks, projects } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { sha256Hex } from "@/lib/crypto/tokens";
import type { EventEnvelope } from "@/lib/events/catalog";
import { Conflict, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write";
import { notifyOutbox } from "./engine/outbox";
import { presentDelivery } from "./present";

export const TEST_EVENT_TYPE = "webhook.test";

/** Pure: the synthetic event of a webhook, identical for every call with the same webhook. */
export function testEventFor(webhook: { id: string; createdAt: Date }, project: { id: string; name: string }): EventEnvelope {
  return {
    id: `evt_test_${sha256Hex(webhook.id).slice(0, 24)}`,
    type: TEST_EVENT_TYPE,
    created_at: webhook.createdAt.toISOString(),
    project,
    data: { webhook: { id: webhook.id }, message: "This is a test delivery from Switchyard. It is identical on every Send Test." },
  };
}

export async function sendTestDelivery(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ webhook: outboundWebhooks, projectName: projects.name })
      .from(outboundWebhooks)
      .innerJoin(projects, eq(projects.id, outboundWebhooks.projectId))
      .where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)));
    if (!row) throw new NotFound("Webhook not found.");
    if (row.webhook.paused) throw new Conflict("The webhook is paused; resume it before sending a test.");
    if (row.webhook.health === "disabled") throw new Conflict("The webhook is disabled; re-enable it before sending a test.");
    const event = testEventFor(row.webhook, { id: projectId, name: row.projectName });
    // Written once: later clicks reuse the stored payload, so a rename cannot change the bytes.
    await tx.insert(events).values({ id: event.id, projectId, type: event.type, payload: event, createdAt: row.webhook.createdAt }).onConflictDoNothing();
    const [delivery] = await tx
      .insert(deliveries)
      .values({ id: newId("dlv"), projectId, direction: "outbound", outboundWebhookId: webhookId, eventId: event.id, eventType: event.type, status: "pending", nextAttemptAt: sql`now()` as unknown as Date })
      .returning();
    await notifyOutbox(tx);
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.test_sent", targetId: webhookId, details: { delivery_id: delivery.id } });
    return presentDelivery({ ...delivery, webhookName: row.webhook.name });
  });
}

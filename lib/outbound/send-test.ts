// Send Test: a synthetic webhook.test event through the normal pipeline. Its id and created_at are
// derived from the webhook, and the event row (with its body) is written once, so every click sends
// the same bytes and webhook-id — the second click exercises the receiver's deduplication.
// A test is one attempt, never retried, and does not move the webhook's health (DESIGN 6.5); at most
// TEST_RATE_LIMIT per minute per webhook, so the button cannot be used to flood a receiver.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { deliveries, events, outboundWebhooks, projects } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { sha256Hex } from "@/lib/crypto/tokens";
import type { EventEnvelope } from "@/lib/events/catalog";
import { envelopeBody } from "@/lib/events/envelope";
import { Conflict, NotFound, TooManyRequests } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write";
import { notifyOutbox } from "./engine/outbox";
import { presentDelivery } from "./present";

export const TEST_EVENT_TYPE = "webhook.test";
export const TEST_RATE_LIMIT = { count: 10, windowSeconds: 60 };

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
    // Locked: concurrent clicks are counted one after the other against the rate limit.
    const [row] = await tx
      .select({ webhook: outboundWebhooks, projectName: projects.name })
      .from(outboundWebhooks)
      .innerJoin(projects, eq(projects.id, outboundWebhooks.projectId))
      .where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)))
      .for("no key update", { of: outboundWebhooks });
    if (!row) throw new NotFound("Webhook not found.");
    if (row.webhook.paused) throw new Conflict("The webhook is paused; resume it before sending a test.");
    if (row.webhook.health === "disabled") throw new Conflict("The webhook is disabled; re-enable it before sending a test.");
    const [recent] = await tx.execute<{ n: number; retry_after: number | null }>(sql`
      select count(*)::int as n, extract(epoch from (min(created_at) + ${TEST_RATE_LIMIT.windowSeconds} * interval '1 second' - now()))::float8 as retry_after
      from (select created_at from deliveries
            where outbound_webhook_id = ${webhookId} and test and created_at > now() - ${TEST_RATE_LIMIT.windowSeconds} * interval '1 second'
            order by created_at desc nulls last limit ${TEST_RATE_LIMIT.count}) t`);
    if (recent.n >= TEST_RATE_LIMIT.count) {
      const wait = Math.max(1, Math.ceil(recent.retry_after ?? TEST_RATE_LIMIT.windowSeconds));
      throw new TooManyRequests(
        `At most ${TEST_RATE_LIMIT.count} tests a minute can be sent to one webhook. Try again in ${wait} ${wait === 1 ? "second" : "seconds"}.`,
        wait,
      );
    }
    const event = testEventFor(row.webhook, { id: projectId, name: row.projectName });
    // Written once: later clicks reuse the stored body, so a rename cannot change the bytes.
    await tx.insert(events).values({ id: event.id, projectId, type: event.type, body: envelopeBody(event), createdAt: row.webhook.createdAt }).onConflictDoNothing();
    const [delivery] = await tx
      .insert(deliveries)
      .values({
        id: newId("dlv"),
        projectId,
        direction: "outbound",
        outboundWebhookId: webhookId,
        eventId: event.id,
        eventType: event.type,
        status: "pending",
        test: true,
        nextAttemptAt: sql`now()` as unknown as Date,
      })
      .returning();
    await notifyOutbox(tx);
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.test_sent", targetId: webhookId, details: { delivery_id: delivery.id } });
    return presentDelivery({ ...delivery, webhookName: row.webhook.name });
  });
}

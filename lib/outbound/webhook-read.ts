// Reading outbound webhooks as the API presents them (secrets' states, parked counts). Kept apart
// from the write paths so secrets.ts and webhooks.ts can both present a webhook without importing each other.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { deliveries, outboundWebhooks, webhookSecrets } from "@/db/schema";
import { NotFound } from "@/lib/http/errors";
import { presentWebhook, type OutboundWebhookJson } from "./present";

export async function listOutboundWebhooks(projectId: string): Promise<OutboundWebhookJson[]> {
  const rows = await db().select().from(outboundWebhooks).where(eq(outboundWebhooks.projectId, projectId)).orderBy(outboundWebhooks.createdAt);
  return presentMany(db(), rows);
}

/** The presented webhook, or 404 when it is not in this project. */
export async function webhookJson(exec: Executor, projectId: string, webhookId: string): Promise<OutboundWebhookJson> {
  const rows = await exec.select().from(outboundWebhooks).where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)));
  if (!rows.length) throw new NotFound("Webhook not found.");
  return (await presentMany(exec, rows))[0];
}

async function presentMany(exec: Executor, rows: (typeof outboundWebhooks.$inferSelect)[]): Promise<OutboundWebhookJson[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const secrets = await exec.select().from(webhookSecrets).where(inArray(webhookSecrets.webhookId, ids)).orderBy(webhookSecrets.createdAt);
  const parked = await exec
    .select({ webhookId: deliveries.outboundWebhookId, n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(and(inArray(deliveries.outboundWebhookId, ids), eq(deliveries.status, "paused")))
    .groupBy(deliveries.outboundWebhookId);
  return rows.map((r) =>
    presentWebhook(
      r,
      secrets.filter((s) => s.webhookId === r.id),
      parked.find((p) => p.webhookId === r.id)?.n ?? 0,
    ),
  );
}

// The project's issue integration (one per project). Switching the provider or removing the
// integration deletes the inbound webhook in the same transaction: a webhook is locked to its tracker.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditLog, issueIntegrations } from "@/db/schema";
import { NotFound } from "@/lib/http/errors";
import { deleteInboundWebhookTx } from "./inbound-webhooks";

export const integrationInput = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("jira"),
    site_url: z.url({ protocol: /^https$/, error: "Enter your Jira site, e.g. https://acme.atlassian.net" }),
    project_key: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,19}$/, "Use the Jira project key, e.g. QA"),
  }),
  z.object({
    provider: z.literal("github"),
    repository: z.string().trim().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "Use owner/repo, e.g. octo-org/web"),
  }),
  z.object({
    provider: z.literal("azure_devops"),
    organization: z.string().trim().min(1, "Enter the organization").max(100),
    project: z.string().trim().min(1, "Enter the project").max(100),
  }),
  z.object({
    provider: z.literal("simple_url"),
    url_pattern: z
      .string()
      .trim()
      .refine((v) => /^https?:\/\//.test(v) && v.includes("{key}"), "Use an http(s) URL containing {key}, e.g. https://tracker.example/issues/{key}"),
  }),
]);
export type IntegrationInput = z.infer<typeof integrationInput>;

type Row = typeof issueIntegrations.$inferSelect;

export function presentIntegration(row: Row) {
  return { provider: row.provider, config: row.config as Record<string, string>, updated_at: row.updatedAt.toISOString() };
}

export async function getIntegration(projectId: string) {
  const [row] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId));
  return row ? presentIntegration(row) : null;
}

/** Sets the integration; a different provider than before removes the inbound webhook with it. */
export async function setIntegration(actor: { userId: string }, projectId: string, input: IntegrationInput) {
  const { provider, ...config } = input;
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId)).for("update");
    const switching = !before || before.provider !== provider;
    const inboundWebhookRemoved = switching ? await deleteInboundWebhookTx(tx, projectId, actor) : false;
    const [row] = await tx
      .insert(issueIntegrations)
      .values({ projectId, provider, config })
      .onConflictDoUpdate({ target: issueIntegrations.projectId, set: { provider, config, updatedAt: sql`now()` } })
      .returning();
    await tx.insert(auditLog).values({ projectId, actorId: actor.userId, action: "issue_integration.set", details: { provider, inboundWebhookRemoved } });
    return { integration: presentIntegration(row), inbound_webhook_removed: inboundWebhookRemoved };
  });
}

export async function removeIntegration(actor: { userId: string }, projectId: string) {
  return db().transaction(async (tx) => {
    const inboundWebhookRemoved = await deleteInboundWebhookTx(tx, projectId, actor);
    const deleted = await tx.delete(issueIntegrations).where(eq(issueIntegrations.projectId, projectId)).returning();
    if (!deleted.length) throw new NotFound("This project has no issue integration.");
    await tx.insert(auditLog).values({ projectId, actorId: actor.userId, action: "issue_integration.removed", details: { inboundWebhookRemoved } });
    return { inbound_webhook_removed: inboundWebhookRemoved };
  });
}

// The project's issue integration (one per project). Switching the provider or removing the
// integration deletes the inbound webhook in the same transaction: a webhook is locked to its tracker.
// It may also hold a tracker API credential for reconciliation (./reconcile.ts): tested against the
// tracker before it is stored, stored only encrypted, and afterwards shown only as "set, added …".
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditLog, issueIntegrations } from "@/db/schema";
import { decrypt, encrypt } from "@/lib/crypto/at-rest";
import { env } from "@/lib/env";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { checkWebhookUrl } from "@/lib/outbound/ssrf";
import { deleteInboundWebhookTx } from "./inbound-webhooks";
import { isInboundProvider, type InboundProvider } from "./providers";
import { trackerClient } from "./trackers";
import { TrackerError } from "./trackers/http";
import type { TrackerCredential } from "./trackers/types";

/**
 * A tracker API base URL: https (http and private addresses only where WEBHOOKS_ALLOW_* say so, like
 * webhook URLs; every call is checked again at connect time).
 */
const apiBaseUrl = (example: string) =>
  z
    .string()
    .trim()
    .max(500)
    .superRefine((v, ctx) => {
      const { WEBHOOKS_ALLOW_HTTP, WEBHOOKS_ALLOW_PRIVATE_NETWORKS } = env();
      const check = checkWebhookUrl(v, { allowHttp: WEBHOOKS_ALLOW_HTTP, allowPrivateNetworks: WEBHOOKS_ALLOW_PRIVATE_NETWORKS });
      if (!check.ok) ctx.addIssue({ code: "custom", message: `Enter the base URL, e.g. ${example}: it ${check.reason}` });
      else if (check.url.search || check.url.hash) ctx.addIssue({ code: "custom", message: `Enter the base URL without a query, e.g. ${example}` });
    })
    .transform((v) => v.replace(/\/+$/, ""));
const optionalBase = (example: string) => z.union([z.literal("").transform(() => undefined), apiBaseUrl(example)]).optional();

export const integrationInput = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("jira"),
    site_url: apiBaseUrl("https://acme.atlassian.net"),
    project_key: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,19}$/, "Use the Jira project key, e.g. QA"),
  }),
  z.object({
    provider: z.literal("github"),
    repository: z.string().trim().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "Use owner/repo, e.g. octo-org/web"),
    /** GitHub Enterprise Server: https://ghe.example.com/api/v3 (empty: api.github.com). */
    api_url: optionalBase("https://ghe.example.com/api/v3"),
  }),
  z.object({
    provider: z.literal("azure_devops"),
    organization: z.string().trim().min(1, "Enter the organization").max(100),
    project: z.string().trim().min(1, "Enter the project").max(100),
    /** Azure DevOps Server: the collection URL (empty: https://dev.azure.com/{organization}). */
    api_url: optionalBase("https://ado.example.com/DefaultCollection"),
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
  return {
    provider: row.provider,
    config: row.config as Record<string, string>,
    // Never the credential itself: whether one is set, whose it is, and since when.
    credential: row.credentialCiphertext && row.credentialSetAt ? { account: row.credentialAccount, set_at: row.credentialSetAt.toISOString() } : null,
    updated_at: row.updatedAt.toISOString(),
  };
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
      .onConflictDoUpdate({
        target: issueIntegrations.projectId,
        // A credential belongs to its tracker: switching trackers drops it.
        set: { provider, config, updatedAt: sql`now()`, ...(switching ? { credentialCiphertext: null, credentialSetAt: null, credentialAccount: null } : {}) },
      })
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

// ── The tracker API credential ───────────────────────────────────────────────

export const credentialInput = z.object({
  token: z.string().trim().min(8, "Paste the whole token.").max(2000).regex(/^[\x21-\x7e]+$/, "A token has no spaces or special characters."),
  email: z.email("Enter the Atlassian account's email.").max(320).optional(),
});
export type CredentialInput = z.infer<typeof credentialInput>;

/** The integration reconciliation talks to, with its credential decrypted; Conflict when it cannot sync. */
export type SyncableIntegration = { projectId: string; provider: InboundProvider; config: Record<string, string>; credential: TrackerCredential };

export async function requireSyncableIntegration(projectId: string): Promise<SyncableIntegration> {
  const [row] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId));
  if (!row) throw new NotFound("This project has no issue integration.");
  if (!isInboundProvider(row.provider)) throw new Conflict("A Simple URL integration has no API to sync with.");
  if (!row.credentialCiphertext) throw new Conflict("Add an API credential under Settings → Integrations before syncing.");
  return { projectId, provider: row.provider, config: row.config as Record<string, string>, credential: JSON.parse(decrypt(row.credentialCiphertext)) as TrackerCredential };
}

/**
 * Tests the credential against the tracker ("Connected as …") and stores it encrypted. A tracker that
 * refuses it, cannot be reached or is rate limiting is a 422 on `token` saying so; nothing is stored.
 */
export async function setIntegrationCredential(actor: { userId: string }, projectId: string, input: CredentialInput) {
  const [row] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId));
  if (!row) throw new NotFound("This project has no issue integration.");
  if (!isInboundProvider(row.provider)) throw new Conflict("A Simple URL integration has no API to connect to.");
  const credential: TrackerCredential = { token: input.token, ...(row.provider === "jira" && input.email ? { email: input.email } : {}) };
  let account: string;
  try {
    account = await trackerClient(row.provider, row.config as Record<string, string>, credential).whoAmI();
  } catch (err) {
    if (!(err instanceof TrackerError)) throw err;
    throw new Invalid(`The tracker did not accept the credential: ${err.message}`, [{ path: "token", message: err.message }]);
  }
  const [updated] = await db()
    .update(issueIntegrations)
    .set({ credentialCiphertext: encrypt(JSON.stringify(credential)), credentialSetAt: sql`now()`, credentialAccount: account })
    .where(eq(issueIntegrations.projectId, projectId))
    .returning();
  await db().insert(auditLog).values({ projectId, actorId: actor.userId, action: "issue_integration.credential_set", details: { provider: row.provider } });
  return { integration: presentIntegration(updated) };
}

export async function removeIntegrationCredential(actor: { userId: string }, projectId: string) {
  const [updated] = await db()
    .update(issueIntegrations)
    .set({ credentialCiphertext: null, credentialSetAt: null, credentialAccount: null })
    .where(eq(issueIntegrations.projectId, projectId))
    .returning();
  if (!updated) throw new NotFound("This project has no issue integration.");
  await db().insert(auditLog).values({ projectId, actorId: actor.userId, action: "issue_integration.credential_removed", details: {} });
  return { integration: presentIntegration(updated) };
}

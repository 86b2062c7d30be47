// The project's one inbound webhook: a secret URL token (stored as a hash) plus, per tracker,
// an HMAC secret (Jira, GitHub) or Basic credentials (Azure DevOps), stored only encrypted.
// Plaintext leaves the server once, in the create or rotate response.
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor, type Tx } from "@/db/client";
import { auditLog, inboundWebhooks, issueIntegrations } from "@/db/schema";
import { decrypt, encrypt } from "@/lib/crypto/at-rest";
import { mintToken, mintWebhookSecret, sha256Hex } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { isInboundProvider, type InboundProvider } from "./providers";

type Row = typeof inboundWebhooks.$inferSelect;
type Actor = { userId: string };

export const adoCredentialsInput = z.object({
  username: z.string().trim().min(1, "Enter the username the Service Hook will send.").max(200),
  password: z.string().min(12, "Use at least 12 characters.").max(200),
});
export const createInboundWebhookInput = adoCredentialsInput.partial();

export function receiptUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/webhooks/${token}`;
}

export function redactedReceiptUrl(hint: string): string {
  return receiptUrl(`••••${hint}`);
}

export function presentInboundWebhook(row: Row) {
  return {
    id: row.id,
    provider: row.provider as InboundProvider,
    url: redactedReceiptUrl(row.tokenHint),
    auth: row.provider === "azure_devops" ? ("basic" as const) : ("hmac" as const),
    created_at: row.createdAt.toISOString(),
    rotated_at: row.rotatedAt?.toISOString() ?? null,
  };
}
export type InboundWebhookSummary = ReturnType<typeof presentInboundWebhook>;

/** The inbound webhook as the Webhooks page shows it (token redacted), or null when there is none. */
export async function getInboundWebhookSummary(projectId: string): Promise<InboundWebhookSummary | null> {
  const [row] = await db().select().from(inboundWebhooks).where(eq(inboundWebhooks.projectId, projectId));
  return row ? presentInboundWebhook(row) : null;
}

function mintUrlToken() {
  const token = mintToken("", 32);
  return { token, tokenHash: sha256Hex(token), tokenHint: token.slice(-4) };
}

async function integrationProvider(ex: Executor, projectId: string): Promise<InboundProvider> {
  const [integration] = await ex.select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId));
  if (!integration) throw new Conflict("An Issue Integration is required before adding an inbound webhook. Choose one under Settings → Integrations.");
  if (!isInboundProvider(integration.provider)) throw new Conflict("A Simple URL integration has no webhook surface; choose Jira, GitHub or Azure DevOps to receive issue updates.");
  return integration.provider;
}

export type CreatedInboundWebhook =
  | { webhook: InboundWebhookSummary; url: string; secret: string }
  | { webhook: InboundWebhookSummary; url: string; username: string };

export async function createInboundWebhook(
  actor: Actor,
  projectId: string,
  input: z.infer<typeof createInboundWebhookInput>,
): Promise<CreatedInboundWebhook> {
  return db().transaction(async (tx) => {
    const provider = await integrationProvider(tx, projectId);
    const [existing] = await tx.select({ id: inboundWebhooks.id }).from(inboundWebhooks).where(eq(inboundWebhooks.projectId, projectId));
    if (existing) throw new Conflict("This project already has an inbound webhook. Rotate or delete it instead.");
    const { token, tokenHash, tokenHint } = mintUrlToken();
    const base = { id: newId("iwh"), projectId, provider, tokenHash, tokenHint, createdBy: actor.userId };
    if (provider === "azure_devops") {
      const creds = adoCredentialsInput.safeParse(input);
      if (!creds.success) {
        throw new Invalid("Azure DevOps needs the username and password its Service Hook will send.", creds.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
      }
      const [row] = await tx
        .insert(inboundWebhooks)
        .values({ ...base, basicUsernameCiphertext: encrypt(creds.data.username), basicPasswordCiphertext: encrypt(creds.data.password) })
        .returning();
      await audit(tx, projectId, actor, "inbound_webhook.created", row.id);
      return { webhook: presentInboundWebhook(row), url: receiptUrl(token), username: creds.data.username };
    }
    const secret = mintWebhookSecret();
    const [row] = await tx.insert(inboundWebhooks).values({ ...base, secretCiphertext: encrypt(secret) }).returning();
    await audit(tx, projectId, actor, "inbound_webhook.created", row.id);
    return { webhook: presentInboundWebhook(row), url: receiptUrl(token), secret };
  });
}

/** Hard cutover: a new token and secret replace the old ones in one update, so the old URL 404s at once. */
export async function rotateInboundWebhook(actor: Actor, projectId: string) {
  return db().transaction(async (tx) => {
    const [row] = await tx.select().from(inboundWebhooks).where(eq(inboundWebhooks.projectId, projectId)).for("update");
    if (!row) throw new NotFound("This project has no inbound webhook.");
    if (row.provider === "azure_devops") throw new Conflict("Azure DevOps credentials cannot be rotated; delete the webhook and create it again.");
    const { token, tokenHash, tokenHint } = mintUrlToken();
    const secret = mintWebhookSecret();
    const [updated] = await tx
      .update(inboundWebhooks)
      .set({ tokenHash, tokenHint, secretCiphertext: encrypt(secret), rotatedAt: new Date() })
      .where(eq(inboundWebhooks.id, row.id))
      .returning();
    await audit(tx, projectId, actor, "inbound_webhook.rotated", row.id);
    return { webhook: presentInboundWebhook(updated), url: receiptUrl(token), secret };
  });
}

export async function deleteInboundWebhook(actor: Actor, projectId: string): Promise<void> {
  await db().transaction(async (tx) => {
    if (!(await deleteInboundWebhookTx(tx, projectId, actor))) throw new NotFound("This project has no inbound webhook.");
  });
}

/** Deletes the project's inbound webhook inside the caller's transaction; true when there was one. */
export async function deleteInboundWebhookTx(tx: Tx, projectId: string, actor: Actor): Promise<boolean> {
  const deleted = await tx.delete(inboundWebhooks).where(eq(inboundWebhooks.projectId, projectId)).returning({ id: inboundWebhooks.id });
  if (deleted.length) await audit(tx, projectId, actor, "inbound_webhook.deleted", deleted[0].id);
  return deleted.length > 0;
}

/**
 * What the receipt pipeline needs to check a request before touching the database. For one token
 * these never change (rotation mints a new token, switching trackers deletes the webhook), so they
 * are cached per process; the receipt's transaction confirms the token is still current.
 */
export type ReceivingWebhook = {
  id: string;
  projectId: string;
  tokenHash: string;
  provider: InboundProvider;
  secret: string | null;
  basic: { username: string; password: string } | null;
};

const CACHE_LIMIT = 1_000;
const receivingCache = new Map<string, ReceivingWebhook>();

export async function findInboundWebhookByToken(token: string): Promise<ReceivingWebhook | undefined> {
  const tokenHash = sha256Hex(token);
  const cached = receivingCache.get(tokenHash);
  if (cached) return cached;
  const [row] = await db().select().from(inboundWebhooks).where(eq(inboundWebhooks.tokenHash, tokenHash));
  const webhook = row && receiving(row);
  if (webhook) {
    if (receivingCache.size >= CACHE_LIMIT) receivingCache.clear();
    receivingCache.set(tokenHash, webhook);
  }
  return webhook;
}

/** Drops a token the database no longer knows (rotated, deleted), so its credentials leave memory. */
export function forgetReceivingWebhook(tokenHash: string): void {
  receivingCache.delete(tokenHash);
}

/** The project's webhook with its credentials decrypted (Send Test signs with them); NotFound when none. */
export async function requireReceivingWebhook(projectId: string): Promise<ReceivingWebhook> {
  const [row] = await db().select().from(inboundWebhooks).where(eq(inboundWebhooks.projectId, projectId));
  const webhook = row && receiving(row);
  if (!webhook) throw new NotFound("This project has no inbound webhook.");
  return webhook;
}

function receiving(row: Row): ReceivingWebhook | undefined {
  if (!isInboundProvider(row.provider)) return undefined;
  return {
    id: row.id,
    projectId: row.projectId,
    tokenHash: row.tokenHash,
    provider: row.provider,
    secret: row.secretCiphertext ? decrypt(row.secretCiphertext) : null,
    basic:
      row.basicUsernameCiphertext && row.basicPasswordCiphertext
        ? { username: decrypt(row.basicUsernameCiphertext), password: decrypt(row.basicPasswordCiphertext) }
        : null,
  };
}

async function audit(tx: Tx, projectId: string, actor: Actor, action: string, targetId: string) {
  await tx.insert(auditLog).values({ projectId, actorId: actor.userId, action, targetId });
}

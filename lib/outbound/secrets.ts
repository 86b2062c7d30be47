// Signing-secret rotation: rotate mints a new active secret (shown once) and moves the previous one
// to 'retiring' with a deadline; both sign until then. Retire now ends the window; extend pushes the
// deadline once. Deadlines are enforced by the drain cycle (and ignored by signing once passed).
import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { outboundWebhooks, webhookSecrets } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { encrypt } from "@/lib/crypto/at-rest";
import { mintWebhookSecret } from "@/lib/crypto/tokens";
import { Conflict, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write";
import { emitOperational, webhookSubject } from "@/lib/events/operational";
import { webhookJson, webhookWithProject } from "./webhook-read";

export const ROTATION_WINDOW_MS = 24 * 3600_000;
export const EXTENSION_MS = 24 * 3600_000;

/** Mints and stores a new active secret; returns the plaintext, which is never readable again. */
export async function mintSecret(tx: Tx, webhookId: string): Promise<string> {
  const secret = mintWebhookSecret();
  await tx.insert(webhookSecrets).values({ id: newId("sec"), webhookId, secretCiphertext: encrypt(secret), state: "active" });
  return secret;
}

async function lockGenericWebhook(tx: Tx, projectId: string, webhookId: string) {
  const [row] = await tx
    .select({ id: outboundWebhooks.id, kind: outboundWebhooks.kind })
    .from(outboundWebhooks)
    .where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)))
    .for("no key update");
  if (!row) throw new NotFound("Webhook not found.");
  if (row.kind === "slack") throw new Conflict("Slack webhooks are not signed, so they have no secret to rotate.");
  const secrets = await tx.select().from(webhookSecrets).where(eq(webhookSecrets.webhookId, webhookId));
  return { active: secrets.find((s) => s.state === "active"), retiring: secrets.find((s) => s.state === "retiring") };
}

export async function rotateSecret(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const { active, retiring } = await lockGenericWebhook(tx, projectId, webhookId);
    if (retiring) {
      throw new Conflict("A rotation is already in progress: retire the previous secret first, then rotate again.");
    }
    const retireAt = active ? new Date(Date.now() + ROTATION_WINDOW_MS) : null;
    if (active) await tx.update(webhookSecrets).set({ state: "retiring", retireAt }).where(eq(webhookSecrets.id, active.id));
    const secret = await mintSecret(tx, webhookId);
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.secret_rotated", targetId: webhookId, details: { retiring_secret_id: active?.id ?? null } });
    const w = await webhookWithProject(tx, webhookId);
    await emitOperational(tx, [
      {
        project: { id: projectId, name: w.projectName },
        type: "webhook.secret_rotated",
        data: { webhook: webhookSubject(w.webhook), retiring_secret_id: active?.id ?? null, retire_at: retireAt?.toISOString() ?? null },
      },
    ]);
    return { webhook: await webhookJson(tx, projectId, webhookId), secret };
  });
}

export async function retireSecret(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const { retiring } = await lockGenericWebhook(tx, projectId, webhookId);
    if (!retiring) throw new Conflict("No secret is retiring; there is nothing to retire.");
    await tx.delete(webhookSecrets).where(eq(webhookSecrets.id, retiring.id));
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.secret_retired", targetId: webhookId, details: { secret_id: retiring.id, reason: "retired by hand" } });
    return { webhook: await webhookJson(tx, projectId, webhookId) };
  });
}

export async function extendSecret(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const { retiring } = await lockGenericWebhook(tx, projectId, webhookId);
    if (!retiring) throw new Conflict("No secret is retiring; there is no deadline to extend.");
    if (retiring.extended) throw new Conflict("The retiring secret's deadline was already extended once; it cannot be extended again.");
    const retireAt = new Date((retiring.retireAt?.getTime() ?? Date.now()) + EXTENSION_MS);
    await tx.update(webhookSecrets).set({ retireAt, extended: true }).where(eq(webhookSecrets.id, retiring.id));
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.secret_extended", targetId: webhookId, details: { secret_id: retiring.id, retire_at: retireAt.toISOString() } });
    return { webhook: await webhookJson(tx, projectId, webhookId) };
  });
}

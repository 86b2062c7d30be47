// The receipt pipeline behind POST /api/webhooks/{token}, in the order that keeps it cheap to
// refuse bad requests: token → size cap → signature on the raw bytes → guarded JSON → provider
// schema → dedupe → sentinel → sync. Every receipt for a known token leaves one inbound delivery
// row (outcome, status code, sha-256 of the body — never the body itself).
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor, type Tx } from "@/db/client";
import { deliveries } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/tokens";
import { problem, json } from "@/lib/http/route";
import { newId } from "@/lib/ids";
import { findInboundWebhookByToken, type ReceivingWebhook } from "./inbound-webhooks";
import { parseGuardedJson } from "./json-guard";
import { adapters } from "./providers";
import { verifyBasicAuth, verifyHubSignature } from "./signatures";
import { applyIssueEvent, issueLockKey, linkedIssue } from "./sync";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export type Outcome = "applied" | "imported" | "ignored" | "duplicate" | "synthetic" | "rejected";

type Recorded = {
  outcome: Outcome;
  status: number;
  eventName: string;
  reason?: string;
  digest?: string;
  providerDeliveryId?: string | null;
};

// One body for unknown and removed tokens, so a probe cannot tell them apart.
const notFound = () => problem(404, "Not Found", "No webhook is registered at this URL.");

export async function receiveWebhook(token: string, req: Request): Promise<Response> {
  try {
    const webhook = await findInboundWebhookByToken(token);
    if (!webhook) return notFound();
    return await receiveFor(webhook, req);
  } catch (err) {
    // The URL token is a credential: log failures with it redacted (route() would log the full path).
    console.error(`[inbound] receipt for /api/webhooks/••••${token.slice(-4)} failed:`, err instanceof Error ? err.message : err);
    return problem(500, "Internal Server Error", "The receipt could not be processed; the tracker will retry.");
  }
}

/** The pipeline after the token lookup; Send Test enters here with the project's own webhook. */
export async function receiveFor(webhook: ReceivingWebhook, req: Request): Promise<Response> {
  const adapter = adapters[webhook.provider];
  const headerEvent = req.headers.get("x-github-event") ?? "unknown";

  // The cap is checked on the declared length first (nothing is read) and again on the bytes read.
  const declaredTooLarge = Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES;
  const bytes = declaredTooLarge ? null : await readCapped(req, MAX_BODY_BYTES);
  if (!bytes) {
    const reason = declaredTooLarge ? "body over 5 MiB (Content-Length)" : "body over 5 MiB";
    await recordReceipt(db(), webhook, { outcome: "rejected", status: 413, eventName: headerEvent, reason });
    return problem(413, "Payload Too Large", "The body is larger than 5 MiB.");
  }
  const digest = sha256Hex(bytes);

  if (!verify(webhook, bytes, req.headers)) {
    await recordReceipt(db(), webhook, { outcome: "rejected", status: 401, eventName: headerEvent, reason: "missing or invalid signature", digest });
    return problem(401, "Unauthorized", webhook.provider === "azure_devops" ? "Basic credentials do not match." : "The signature does not match.");
  }

  const parsedJson = parseGuardedJson(bytes.toString("utf8"));
  if (!parsedJson.ok) {
    await recordReceipt(db(), webhook, { outcome: "rejected", status: 400, eventName: headerEvent, reason: parsedJson.message, digest });
    return problem(400, "Bad Request", `Malformed payload: ${parsedJson.message}.`);
  }
  const parsed = adapter.parse(parsedJson.value, req.headers);
  if (parsed.kind === "malformed") {
    await recordReceipt(db(), webhook, { outcome: "rejected", status: 400, eventName: parsed.eventName, reason: `malformed: ${parsed.message}`, digest });
    return problem(400, "Bad Request", `Malformed ${parsed.eventName} payload: ${parsed.message}.`);
  }
  const providerDeliveryId = adapter.deliveryId(parsedJson.value, req.headers);

  const result = await db().transaction(async (tx) => {
    // Same payload or same delivery id: the second receipt waits here until the first commits.
    // Always digest first, then delivery id, then the tracker issue sync will apply (one statement,
    // one round trip, fixed order: no lock cycles).
    const toApply = parsed.kind === "issue" && !parsed.event.sentinel ? parsed.event : null;
    const lockKeys = [`${webhook.id}:d:${digest}`, `${webhook.id}:p:${providerDeliveryId ?? digest}`];
    if (toApply) lockKeys.push(issueLockKey(webhook, toApply));
    await tx.execute(sql`select ${sql.join(lockKeys.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`), sql`, `)}`);
    // Both reads start once the locks are held and go out together (postgres.js pipelines them): one round trip.
    const [seen, linked] = await Promise.all([
      seenBefore(tx, webhook.id, digest, providerDeliveryId),
      toApply ? linkedIssue(tx, webhook, toApply) : undefined,
    ]);
    const base = { eventName: parsed.eventName, digest, providerDeliveryId };
    if (seen) return recordReceipt(tx, webhook, { ...base, outcome: "duplicate", status: 200, reason: "already received" });
    if (parsed.kind === "ignored") return recordReceipt(tx, webhook, { ...base, outcome: "ignored", status: 200, reason: parsed.reason });
    if (!toApply) return recordReceipt(tx, webhook, { ...base, outcome: "synthetic", status: 200, reason: "Send Test" });
    const applied = await applyIssueEvent(tx, webhook, toApply, linked);
    return recordReceipt(tx, webhook, {
      ...base,
      outcome: applied.outcome,
      status: applied.outcome === "ignored" ? 200 : 202,
      reason: applied.reason,
    });
  });
  return json({ outcome: result.outcome, delivery_id: result.deliveryId, ...(result.reason ? { reason: result.reason } : {}) }, result.status);
}

function verify(webhook: ReceivingWebhook, body: Buffer, headers: Headers): boolean {
  switch (webhook.provider) {
    case "github":
      return !!webhook.secret && verifyHubSignature(webhook.secret, body, headers.get("x-hub-signature-256"));
    case "jira":
      return !!webhook.secret && verifyHubSignature(webhook.secret, body, headers.get("x-hub-signature") ?? headers.get("x-hub-signature-256"));
    case "azure_devops":
      return !!webhook.basic && verifyBasicAuth(webhook.basic, headers.get("authorization"));
  }
}

/** The body's bytes, or null once more than `cap` bytes arrive (the rest is never read). */
async function readCapped(req: Request, cap: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A receipt already accepted (not rejected, not itself a duplicate) with the same bytes or delivery id. */
async function seenBefore(tx: Tx, webhookId: string, digest: string, providerDeliveryId: string | null): Promise<boolean> {
  // Two index lookups rather than one OR: an OR across columns would scan every receipt of the webhook.
  const rows = await tx.execute(sql`
    (select 1 from deliveries
      where inbound_webhook_id = ${webhookId} and direction = 'inbound' and request_digest = ${digest}
        and outcome <> 'duplicate' and outcome <> 'rejected' limit 1)
    union all
    (select 1 from deliveries
      where inbound_webhook_id = ${webhookId} and direction = 'inbound' and provider_delivery_id = ${providerDeliveryId}
        and outcome <> 'duplicate' and outcome <> 'rejected' limit 1)
    limit 1`);
  return rows.length > 0;
}

async function recordReceipt(ex: Executor, webhook: ReceivingWebhook, r: Recorded) {
  const id = newId("dlv");
  await ex.insert(deliveries).values({
    id,
    projectId: webhook.projectId,
    direction: "inbound",
    inboundWebhookId: webhook.id,
    eventType: r.eventName,
    status: r.outcome === "rejected" ? "failed" : "succeeded",
    outcome: r.outcome,
    outcomeReason: r.reason ?? null,
    attempts: 1,
    requestDigest: r.digest ?? null,
    // Rejected receipts keep no delivery id, so the tracker's corrected retry is not a "duplicate".
    providerDeliveryId: r.outcome === "rejected" ? null : (r.providerDeliveryId ?? null),
    lastStatusCode: r.status,
  });
  return { deliveryId: id, outcome: r.outcome, status: r.status, reason: r.reason };
}

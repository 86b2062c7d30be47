// The receipt pipeline behind POST /api/webhooks/{token}, in the order that keeps it cheap to
// refuse bad requests: token → size cap → signature on the raw bytes → guarded JSON → provider
// schema → dedupe → sentinel → sync. Every receipt for a known token leaves one inbound delivery
// row (outcome, status code, sha-256 of the body — never the body itself).
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor, type Tx } from "@/db/client";
import { sha256Hex } from "@/lib/crypto/tokens";
import { problem, json } from "@/lib/http/route";
import { newId } from "@/lib/ids";
import { metrics } from "@/lib/metrics/registry";
import { noteRejection } from "./failing";
import { findInboundWebhookByToken, forgetReceivingWebhook, type ReceivingWebhook } from "./inbound-webhooks";
import { parseGuardedJson } from "./json-guard";
import { adapters } from "./providers";
import { verifyBasicAuth, verifyHubSignature } from "./signatures";
import { findIssueByExternalKey } from "@/lib/domain/issues";
import { applySync, issueLockKey, type SyncTarget } from "./sync";
import { planSync } from "./sync-plan";
import { logger } from "@/lib/logger";

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
    // The URL token is a credential: the line names the token only by its last four characters.
    logger.error({ err, inbound_token_hint: token.slice(-4) }, "inbound receipt failed");
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
    return reject(webhook, { status: 413, eventName: headerEvent, reason }, problem(413, "Payload Too Large", "The body is larger than 5 MiB."));
  }
  const digest = sha256Hex(bytes);

  if (!verify(webhook, bytes, req.headers)) {
    const detail = webhook.provider === "azure_devops" ? "Basic credentials do not match." : "The signature does not match.";
    return reject(webhook, { status: 401, eventName: headerEvent, reason: "missing or invalid signature", digest }, problem(401, "Unauthorized", detail));
  }

  const parsedJson = parseGuardedJson(bytes.toString("utf8"));
  if (!parsedJson.ok) {
    return reject(webhook, { status: 400, eventName: headerEvent, reason: parsedJson.message, digest }, problem(400, "Bad Request", `Malformed payload: ${parsedJson.message}.`));
  }
  const parsed = adapter.parse(parsedJson.value, req.headers);
  if (parsed.kind === "malformed") {
    const detail = `Malformed ${parsed.eventName} payload: ${parsed.message}.`;
    return reject(webhook, { status: 400, eventName: parsed.eventName, reason: `malformed: ${parsed.message}`, digest }, problem(400, "Bad Request", detail));
  }
  const providerDeliveryId = adapter.deliveryId(parsedJson.value, req.headers);

  const result = await db().transaction(async (tx) => {
    // Same payload or same delivery id: the second receipt waits here until the first commits.
    // Always digest first, then delivery id, then the tracker issue sync will apply (one statement,
    // fixed order: no lock cycles). The same statement confirms the token is still current and
    // holds it (FOR SHARE) until commit, so a rotation or removal waits for this receipt or wins.
    const toApply = parsed.kind === "issue" && !parsed.event.sentinel ? parsed.event : null;
    const lockKeys = [`${webhook.id}:d:${digest}`, `${webhook.id}:p:${providerDeliveryId ?? digest}`];
    if (toApply) lockKeys.push(issueLockKey(webhook.projectId, webhook.provider, toApply));
    const [current] = await tx.execute<{ name: string; importer: string | null }>(sql`
      select p.name, coalesce(p.created_by, (select m.user_id from project_members m
               where m.project_id = p.id and m.role = 'admin' order by m.created_at limit 1)) as importer,
             ${sql.join(lockKeys.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`), sql`, `)}
      from inbound_webhooks w join projects p on p.id = w.project_id
      where w.id = ${webhook.id} and w.token_hash = ${webhook.tokenHash}
      for share of w`);
    if (!current) return null;
    // Both reads start once the locks are held and go out together (postgres.js pipelines them): one round
    // trip. The linked issue is read FOR UPDATE under its issueLockKey, so no other receipt imports it meanwhile.
    const [seen, linked] = await Promise.all([
      seenBefore(tx, webhook.id, digest, providerDeliveryId),
      toApply ? findIssueByExternalKey(tx, webhook.projectId, webhook.provider, toApply.key) : undefined,
    ]);
    const base = { eventName: parsed.eventName, digest, providerDeliveryId };
    if (seen) return recordReceipt(tx, webhook, { ...base, outcome: "duplicate", status: 200, reason: "already received" });
    if (parsed.kind === "ignored") return recordReceipt(tx, webhook, { ...base, outcome: "ignored", status: 200, reason: parsed.reason });
    if (!toApply) return recordReceipt(tx, webhook, { ...base, outcome: "synthetic", status: 200, reason: "Send Test" });
    const plan = planSync(toApply, linked);
    const target: SyncTarget = { project: { id: webhook.projectId, name: current.name }, provider: webhook.provider, importer: current.importer };
    // The plan is known before anything is written, so the change, its event and the receipt row go out together.
    const [, recorded] = await Promise.all([
      applySync(tx, target, toApply, plan),
      recordReceipt(tx, webhook, { ...base, outcome: plan.outcome, status: plan.outcome === "ignored" ? 200 : 202, reason: plan.reason }),
    ]);
    return recorded;
  });
  if (!result) return gone(webhook);
  return json({ outcome: result.outcome, delivery_id: result.deliveryId, ...(result.reason ? { reason: result.reason } : {}) }, result.status);
}

/** Records a rejected receipt and answers with `response`, or 404 if the token is gone meanwhile. */
async function reject(webhook: ReceivingWebhook, r: Omit<Recorded, "outcome">, response: Response): Promise<Response> {
  const recorded = await db().transaction(async (tx) => {
    const row = await recordReceipt(tx, webhook, { ...r, outcome: "rejected" });
    if (row) await noteRejection(tx, webhook, r.reason ?? "rejected");
    return row;
  });
  return recorded ? response : gone(webhook);
}

/** The token was rotated or the webhook removed after this process cached it. */
function gone(webhook: ReceivingWebhook): Response {
  forgetReceivingWebhook(webhook.tokenHash);
  return notFound();
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

/**
 * Records the receipt against the webhook if its token is still current (inside the receipt's
 * transaction it always is); null when the token is gone, which the caller answers with 404.
 */
async function recordReceipt(ex: Executor, webhook: ReceivingWebhook, r: Recorded) {
  const id = newId("dlv");
  // Rejected receipts keep no delivery id, so the tracker's corrected retry is not a "duplicate".
  const providerDeliveryId = r.outcome === "rejected" ? null : (r.providerDeliveryId ?? null);
  const rows = await ex.execute(sql`
    insert into deliveries (id, project_id, direction, inbound_webhook_id, event_type, status, outcome, outcome_reason,
                            attempts, request_digest, provider_delivery_id, last_status_code)
    select ${id}, w.project_id, 'inbound', w.id, ${r.eventName}, ${r.outcome === "rejected" ? "failed" : "succeeded"}, ${r.outcome}, ${r.reason ?? null},
           1, ${r.digest ?? null}, ${providerDeliveryId}, ${r.status}
    from inbound_webhooks w where w.id = ${webhook.id} and w.token_hash = ${webhook.tokenHash}
    returning id`);
  if (rows.length) metrics().inboundReceipts.inc({ outcome: r.outcome });
  return rows.length ? { deliveryId: id, outcome: r.outcome, status: r.status, reason: r.reason } : null;
}

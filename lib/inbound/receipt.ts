// The receipt pipeline behind POST /api/webhooks/{token}, in the order that keeps it cheap to
// refuse bad requests: token → size cap → signature on the raw bytes → guarded JSON → provider
// schema → dedupe → sentinel → scope → sync. Every receipt for a known token leaves one inbound delivery
// row (outcome, status code, sha-256 of the body — never the body itself).
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor, type Tx } from "@/db/client";
import { sha256Hex } from "@/lib/crypto/tokens";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/registry";
import { readUpTo } from "@/lib/http/body";
import { cleanText, TRACKER_LIMITS } from "./bounded";
import { noteRejection } from "./failing";
import { findInboundWebhookByToken, forgetReceivingWebhook, type ReceivingWebhook } from "./inbound-webhooks";
import { parseGuardedJson } from "./json-guard";
import { adapters } from "./providers";
import type { IntegrationConfig } from "./providers/normalized";
import { verifyBasicAuth, verifyHubSignature } from "./signatures";
import { findIssueByExternalKey } from "@/lib/domain/issues";
import { applySync, issueLockKey, type SyncTarget } from "./sync";
import { planSync } from "./sync-plan";
import type { Outcome } from "./outcome";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;


/**
 * What a receipt came to; the route turns it into the HTTP reply (DESIGN section 5): 202 accepted,
 * 200 duplicate / synthetic / ignored, 400 impossible values, 401 bad signature, 404 unknown token,
 * 413 too large, 503 our own failure (trackers retry; never 410, on which Azure DevOps disables
 * the subscription). `outcome` and `deliveryId` are null when nothing was recorded (404, 503).
 */
export type ReceiptResult = {
  status: 200 | 202 | 400 | 401 | 404 | 413 | 503;
  outcome: Outcome | null;
  /** Why, in a few words, as recorded on the delivery row ("another repository (o/r)"). */
  reason: string | null;
  /** What the tracker's side is told on a refusal (problem+json detail). */
  detail: string | null;
  deliveryId: string | null;
};

type Recorded = {
  outcome: Outcome;
  status: ReceiptResult["status"];
  eventName: string;
  reason?: string;
  digest?: string;
  providerDeliveryId?: string | null;
};

// One body for unknown and removed tokens, so a probe cannot tell them apart.
const NOT_FOUND: ReceiptResult = { status: 404, outcome: null, reason: null, detail: "No webhook is registered at this URL.", deliveryId: null };

const UNAVAILABLE: ReceiptResult = {
  status: 503,
  outcome: null,
  reason: null,
  detail: "Switchyard could not process this receipt right now; send it again later.",
  deliveryId: null,
};

export async function receiveWebhook(token: string, req: Request): Promise<ReceiptResult> {
  try {
    const webhook = await findInboundWebhookByToken(token);
    if (!webhook) return NOT_FOUND;
    return await receiveFor(webhook, req);
  } catch (err) {
    // Only our own failures get here (the database, a dropped connection): bad input is refused
    // with a 4xx above. The URL token is a credential, so the log line names the webhook by hint.
    logger.error({ err, token_hint: token.slice(-4) }, "inbound receipt failed");
    return UNAVAILABLE;
  }
}

/** The pipeline after the token lookup; Send Test enters here with the project's own webhook. */
export async function receiveFor(webhook: ReceivingWebhook, req: Request): Promise<ReceiptResult> {
  const adapter = adapters[webhook.provider];
  // Before the body is verified, only the headers name the event (GitHub's; "unknown" for the others).
  const headerEvent = adapter.eventName(undefined, req.headers);

  // The cap is checked on the declared length first (nothing is read) and again on the bytes read.
  const declaredTooLarge = Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES;
  const bytes = declaredTooLarge ? null : await readUpTo(req, MAX_BODY_BYTES);
  if (!bytes) {
    const reason = declaredTooLarge ? "body over 5 MiB (Content-Length)" : "body over 5 MiB";
    return reject(webhook, { status: 413, eventName: headerEvent, reason }, "The body is larger than 5 MiB.");
  }
  const digest = sha256Hex(bytes);

  if (!verify(webhook, bytes, req.headers)) {
    const detail = webhook.provider === "azure_devops" ? "Basic credentials do not match." : "The signature does not match.";
    return reject(webhook, { status: 401, eventName: headerEvent, reason: "missing or invalid signature", digest }, detail);
  }

  const parsedJson = parseGuardedJson(bytes.toString("utf8"));
  if (!parsedJson.ok) {
    return reject(webhook, { status: 400, eventName: headerEvent, reason: parsedJson.message, digest }, `Malformed payload: ${parsedJson.message}.`);
  }
  const parsed = adapter.parse(parsedJson.value, req.headers);
  if (parsed.kind === "malformed") {
    return reject(webhook, { status: 400, eventName: parsed.eventName, reason: `malformed: ${parsed.message}`, digest }, `Malformed ${parsed.eventName} payload: ${parsed.message}.`);
  }
  const delivery = adapter.deliveryId(parsedJson.value, req.headers);
  if (!delivery.ok) {
    return reject(webhook, { status: 400, eventName: parsed.eventName, reason: `malformed: ${delivery.message}`, digest }, `Malformed ${parsed.eventName} payload: ${delivery.message}.`);
  }
  const providerDeliveryId = delivery.value;

  const result = await db().transaction(async (tx) => {
    // Same payload or same delivery id: the second receipt waits here until the first commits.
    // Always digest first, then delivery id, then the tracker issue sync will apply (one statement,
    // fixed order: no lock cycles). The same statement confirms the token is still current and
    // holds it (FOR SHARE) until commit, so a rotation or removal waits for this receipt or wins,
    // and reads the integration's repository / project, which may change while the token stays.
    const toApply = parsed.kind === "issue" && !parsed.event.sentinel ? parsed.event : null;
    const lockKeys = [`${webhook.id}:d:${digest}`, `${webhook.id}:p:${providerDeliveryId ?? digest}`];
    if (toApply) lockKeys.push(issueLockKey(webhook.projectId, webhook.provider, toApply));
    const [current] = await tx.execute<{ name: string; importer: string | null; config: IntegrationConfig | null }>(sql`
      select p.name, coalesce(p.created_by, (select m.user_id from project_members m
               where m.project_id = p.id and m.role = 'admin' order by m.created_at limit 1)) as importer,
             (select i.config from issue_integrations i where i.project_id = p.id) as config,
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
    // An organisation-level hook sends every repository's events: only the integration's own count.
    const foreign = adapter.outOfScope(toApply, current.config ?? {});
    if (foreign) return recordReceipt(tx, webhook, { ...base, outcome: "ignored", status: 200, reason: foreign });
    const plan = planSync(toApply, linked);
    const target: SyncTarget = { project: { id: webhook.projectId, name: current.name }, provider: webhook.provider, importer: current.importer };
    // The plan is known before anything is written, so the change, its event and the receipt row go out together.
    const [, recorded] = await Promise.all([
      applySync(tx, target, toApply, plan),
      recordReceipt(tx, webhook, { ...base, outcome: plan.outcome, status: plan.outcome === "ignored" ? 200 : 202, reason: plan.reason }),
    ]);
    return recorded;
  });
  return result ?? gone(webhook);
}

/** Records a rejected receipt and answers with `detail`, or 404 if the token is gone meanwhile. */
async function reject(webhook: ReceivingWebhook, r: Omit<Recorded, "outcome">, detail: string): Promise<ReceiptResult> {
  const recorded = await db().transaction(async (tx) => {
    const row = await recordReceipt(tx, webhook, { ...r, outcome: "rejected" });
    if (row) await noteRejection(tx, webhook, { status: r.status, reason: r.reason ?? null });
    return row;
  });
  return recorded ? { ...recorded, detail: cleanText(detail, TRACKER_LIMITS.reason * 2) } : gone(webhook);
}

/** The token was rotated or the webhook removed after this process cached it. */
function gone(webhook: ReceivingWebhook): ReceiptResult {
  forgetReceivingWebhook(webhook.tokenHash);
  return NOT_FOUND;
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
async function recordReceipt(ex: Executor, webhook: ReceivingWebhook, r: Recorded): Promise<ReceiptResult | null> {
  const id = newId("dlv");
  // Adapters already bound what they return; this is the last stop before PostgreSQL, so it holds here too.
  const eventName = cleanText(r.eventName, TRACKER_LIMITS.eventName) || "unknown";
  const reason = r.reason === undefined ? null : cleanText(r.reason, TRACKER_LIMITS.reason);
  // Rejected receipts keep no delivery id, so the tracker's corrected retry is not a "duplicate".
  const providerDeliveryId = r.outcome === "rejected" ? null : (r.providerDeliveryId ?? null);
  // An accepted receipt ends a silent spell, so the silence sweep reports the next one (./silence.ts).
  const endSilence = r.outcome === "rejected" ? sql`` : sql`with heard as (update inbound_webhooks set silent_notified_at = null where id = ${webhook.id} and silent_notified_at is not null) `;
  const rows = await ex.execute(sql`
    ${endSilence}insert into deliveries (id, project_id, direction, inbound_webhook_id, inbound_provider, event_type, status, outcome, outcome_reason,
                            attempts, request_digest, provider_delivery_id, last_status_code)
    select ${id}, w.project_id, 'inbound', w.id, w.provider, ${eventName}, ${r.outcome === "rejected" ? "failed" : "succeeded"}, ${r.outcome}, ${reason},
           1, ${r.digest ?? null}, ${providerDeliveryId}, ${r.status}
    from inbound_webhooks w where w.id = ${webhook.id} and w.token_hash = ${webhook.tokenHash}
    returning id`);
  if (rows.length) metrics().inboundReceipts.inc({ outcome: r.outcome });
  return rows.length ? { status: r.status, outcome: r.outcome, reason, detail: null, deliveryId: id } : null;
}

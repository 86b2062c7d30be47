// Outbound webhooks: create, list, update, subscribe/unsubscribe, pause/resume, re-enable, delete.
// Every change is audited; secrets and Slack URLs are stored encrypted and leave the server once.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { deliveries, outboundWebhooks, projects } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { encrypt } from "@/lib/crypto/at-rest";
import { env } from "@/lib/env";
import { EVENT_TYPES, isEventType } from "@/lib/events/catalog";
import { emitOperational, webhookSubject } from "@/lib/events/operational";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { getInboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import { writeAudit } from "@/lib/audit/write";
import { customHeadersInput, sealHeaders, type StoredCustomHeader } from "./custom-headers";
import { countWaiting, unparkDeliveries } from "./engine/outbox";
import { listOutboundWebhooks, webhookJson, webhookWithProject } from "./webhook-read";
import { mintSecret } from "./secrets";
import { isSlackUrl, redactSlackUrl } from "./slack";
import { BlockedAddressError, checkWebhookUrl, resolvePublic } from "./ssrf";

const eventName = z.string().refine(isEventType, { message: `unknown event; expected one of ${EVENT_TYPES.join(", ")}` });

export const createOutboundWebhookInput = z.object({
  name: z.string().trim().min(1, "Give the webhook a name.").max(100, "Keep the name to 100 characters or fewer."),
  url: z.string().trim().min(1, "Enter the URL to send events to.").max(2000, "Keep the URL to 2,000 characters or fewer."),
  // A webhook with no events would never be called: the admin is told so at once.
  events: z.array(eventName).min(1, "Choose at least one event: a webhook without events is never called.").max(EVENT_TYPES.length),
  headers: customHeadersInput.default([]),
});
export type CreateOutboundWebhookInput = z.infer<typeof createOutboundWebhookInput>;

// On update a header without a value keeps its stored value, since values are never shown again.
export const updateOutboundWebhookInput = z.object({
  name: createOutboundWebhookInput.shape.name.optional(),
  url: createOutboundWebhookInput.shape.url.optional(),
  headers: z
    .array(z.object({ name: z.string(), value: z.string().optional() }))
    .optional(),
});
export type UpdateOutboundWebhookInput = z.infer<typeof updateOutboundWebhookInput>;

// Timestamps are written by the database (STYLE: Data), not by this process's clock.
const dbNow = () => sql`now()` as unknown as Date;

type Destination = { kind: "generic" | "slack"; url: string | null; urlCiphertext: string | null; urlRedacted: string };

/** Checks a destination the way it will be dialled; refusals are 422 on the `url` field. */
export async function checkDestination(raw: string): Promise<Destination> {
  const { WEBHOOKS_ALLOW_HTTP, WEBHOOKS_ALLOW_PRIVATE_NETWORKS } = env();
  const check = checkWebhookUrl(raw, { allowHttp: WEBHOOKS_ALLOW_HTTP, allowPrivateNetworks: WEBHOOKS_ALLOW_PRIVATE_NETWORKS });
  // The checks name what is wrong with the URL ("must use https://"); the field shows it as a sentence.
  const refuse = (reason: string) => new Invalid(`url: ${reason}`, [{ path: "url", message: urlMessage(reason) }]);
  if (!check.ok) throw refuse(check.reason);
  const href = check.url.toString();
  // The Slack URL is the credential: encrypted, shown redacted. Its host is Slack's, so no DNS check.
  if (isSlackUrl(href)) return { kind: "slack", url: null, urlCiphertext: encrypt(href), urlRedacted: redactSlackUrl(href) };
  if (!check.ipLiteral && !WEBHOOKS_ALLOW_PRIVATE_NETWORKS) {
    try {
      await resolvePublic(check.hostname);
    } catch (err) {
      if (err instanceof BlockedAddressError) throw refuse(err.message);
      throw refuse(`host "${check.hostname}" does not resolve`);
    }
  }
  return { kind: "generic", url: href, urlCiphertext: null, urlRedacted: href };
}

const INVALID_URL = "is not a valid absolute URL";
function urlMessage(reason: string): string {
  if (reason === INVALID_URL) return "Enter the full address, starting with https:// (for example https://example.com/hooks/switchyard).";
  return `The URL ${reason}.`;
}

export async function createOutboundWebhook(actor: ProjectActor, projectId: string, input: CreateOutboundWebhookInput) {
  const dest = await checkDestination(input.url);
  return db().transaction(async (tx) => {
    await refuseOverLimit(tx, projectId);
    const [row] = await tx
      .insert(outboundWebhooks)
      .values({
        id: newId("wh"),
        projectId,
        name: input.name,
        ...dest,
        events: [...new Set(input.events)],
        customHeaders: sealHeaders(input.headers, encrypt),
        createdBy: actor.userId,
      })
      .returning();
    // Slack hooks are not signed, so no secret is minted for them.
    const secret = dest.kind === "generic" ? await mintSecret(tx, row.id) : null;
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.created", targetId: row.id, details: { kind: dest.kind, events: row.events } });
    return { webhook: await webhookJson(tx, projectId, row.id), secret };
  });
}

// Every outbound webhook is a fan-out target of each event and a share of the drain: a project holds
// at most MAX_WEBHOOKS_PER_PROJECT. The project row's lock makes concurrent creates count in turn.
async function refuseOverLimit(tx: Executor, projectId: string) {
  const max = env().MAX_WEBHOOKS_PER_PROJECT;
  await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for("no key update");
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(outboundWebhooks).where(eq(outboundWebhooks.projectId, projectId));
  if (n >= max) throw new Conflict(`This project already has ${max} outbound webhooks, the most it can have. Delete one it no longer needs, then add this one.`);
}

/** Locks the webhook row for a change; 404 when it is not in this project. */
async function lockWebhook(exec: Executor, projectId: string, webhookId: string) {
  const [row] = await exec
    .select()
    .from(outboundWebhooks)
    .where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)))
    .for("no key update");
  if (!row) throw new NotFound("Webhook not found.");
  return row;
}

export async function updateOutboundWebhook(actor: ProjectActor, projectId: string, webhookId: string, input: UpdateOutboundWebhookInput) {
  const dest = input.url === undefined ? undefined : await checkDestination(input.url);
  return db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    if (dest && dest.kind !== row.kind) {
      throw new Invalid("url: a webhook cannot switch between Slack and a generic endpoint; create a new webhook instead", [
        { path: "url", message: "cannot switch between Slack and a generic endpoint" },
      ]);
    }
    const changes: Partial<typeof outboundWebhooks.$inferInsert> = { updatedAt: dbNow() };
    if (input.name !== undefined) changes.name = input.name;
    if (dest) Object.assign(changes, { url: dest.url, urlCiphertext: dest.urlCiphertext, urlRedacted: dest.urlRedacted });
    if (input.headers !== undefined) changes.customHeaders = mergeHeaders(row.customHeaders as StoredCustomHeader[], input.headers);
    await tx.update(outboundWebhooks).set(changes).where(eq(outboundWebhooks.id, webhookId));
    const fields = Object.keys(input).filter((k) => input[k as keyof UpdateOutboundWebhookInput] !== undefined);
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.updated", targetId: webhookId, details: { fields } });
    return webhookJson(tx, projectId, webhookId);
  });
}

function mergeHeaders(stored: StoredCustomHeader[], incoming: { name: string; value?: string }[]): StoredCustomHeader[] {
  const kept = new Map(stored.map((h) => [h.name.toLowerCase(), h.valueCiphertext]));
  const missing = incoming.filter((h) => h.value === undefined && !kept.has(h.name.toLowerCase()));
  if (missing.length) {
    const errors = missing.map((h) => ({ path: `headers.${incoming.indexOf(h)}.value`, message: `a value is required for the new header "${h.name}"` }));
    throw new Invalid(errors.map((e) => e.message).join("; "), errors);
  }
  const withValues = incoming.map((h) => ({ name: h.name, value: h.value ?? "" }));
  const parsed = customHeadersInput.safeParse(withValues);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ["headers", ...i.path].join("."), message: i.message }));
    throw new Invalid(errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
  }
  return incoming.map((h) =>
    h.value === undefined ? { name: h.name, valueCiphertext: kept.get(h.name.toLowerCase())! } : sealHeaders([{ name: h.name, value: h.value }], encrypt)[0],
  );
}

export async function setEventSubscription(actor: ProjectActor, projectId: string, webhookId: string, type: string, subscribed: boolean) {
  if (!isEventType(type)) throw new Invalid(`Unknown event "${type}"; expected one of ${EVENT_TYPES.join(", ")}.`, [{ path: "type", message: "unknown event" }]);
  return db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    if (!subscribed && row.events.length === 1 && row.events[0] === type) {
      throw new Invalid("A webhook needs at least one event. Choose another event first, or delete the webhook.", [{ path: "type", message: "the last event" }]);
    }
    // Idempotent either way: each checkbox toggle is one call and may be repeated.
    const events = subscribed
      ? sql`case when ${type} = any(events) then events else array_append(events, ${type}) end`
      : sql`array_remove(events, ${type})`;
    await tx.update(outboundWebhooks).set({ events: events as unknown as string[], updatedAt: dbNow() }).where(eq(outboundWebhooks.id, webhookId));
    await writeAudit(tx, {
      projectId,
      actorId: actor.userId,
      action: subscribed ? "outbound_webhook.subscribed" : "outbound_webhook.unsubscribed",
      targetId: webhookId,
      details: { event: type },
    });
    return webhookJson(tx, projectId, webhookId);
  });
}

export async function deleteOutboundWebhook(actor: ProjectActor, projectId: string, webhookId: string): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    await tx.delete(outboundWebhooks).where(eq(outboundWebhooks.id, webhookId));
    // The name outlives the row so the audit log can still say which webhook it was.
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.deleted", targetId: webhookId, details: { name: row.name } });
  });
}

export async function pauseWebhook(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    if (!row.paused) {
      await tx.update(outboundWebhooks).set({ paused: true, updatedAt: dbNow() }).where(eq(outboundWebhooks.id, webhookId));
      const parked = await countWaiting(tx, webhookId);
      await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.paused", targetId: webhookId, details: { parked } });
    }
    return webhookJson(tx, projectId, webhookId);
  });
}

export async function resumeWebhook(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    if (row.paused) {
      await tx.update(outboundWebhooks).set({ paused: false, updatedAt: dbNow() }).where(eq(outboundWebhooks.id, webhookId));
      const resumed = await unparkDeliveries(tx, webhookId);
      await writeAudit(tx, { projectId, actorId: actor.userId, action: "outbound_webhook.resumed", targetId: webhookId, details: { resumed } });
    }
    return webhookJson(tx, projectId, webhookId);
  });
}

/** Re-enable: clears the failure counter, sets Healthy and resumes parked deliveries. */
export async function enableWebhook(actor: ProjectActor, projectId: string, webhookId: string) {
  return db().transaction(async (tx) => {
    const row = await lockWebhook(tx, projectId, webhookId);
    if (row.health === "healthy" && row.consecutiveFailures === 0) throw new Conflict("The webhook is already enabled and healthy.");
    await tx
      .update(outboundWebhooks)
      .set({ health: "healthy", consecutiveFailures: 0, updatedAt: dbNow() })
      .where(eq(outboundWebhooks.id, webhookId));
    const resumed = await unparkDeliveries(tx, webhookId);
    await writeAudit(tx, {
      projectId,
      actorId: actor.userId,
      action: "outbound_webhook.enabled",
      targetId: webhookId,
      details: { from: row.health, consecutive_failures: row.consecutiveFailures, resumed },
    });
    if (row.health !== "healthy") {
      const w = await webhookWithProject(tx, webhookId);
      await emitOperational(tx, [
        {
          project: { id: projectId, name: w.projectName },
          type: "webhook.recovered",
          data: { webhook: webhookSubject(w.webhook), previous_health: row.health, consecutive_failures: 0, reason: "Re-enabled by an admin." },
        },
      ]);
    }
    return webhookJson(tx, projectId, webhookId);
  });
}

/** The Webhooks page's data: the project's inbound webhook (owned by lib/inbound) and its outbound ones. */
export async function getProjectWebhooks(projectId: string) {
  const [inbound, outbound] = await Promise.all([getInboundWebhookSummary(projectId), listOutboundWebhooks(projectId)]);
  return { inbound, outbound };
}

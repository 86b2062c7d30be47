// Operational events (DESIGN section 4): what the hub says about itself — a webhook degraded, disabled
// or recovered, a signing secret rotated, an inbound webhook failing. Each transition, in the
// transaction that makes it, becomes an event (fanned out to every *other* subscribed webhook) and a
// notification for each of the project's admins. Set-based: one statement for any number of them.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Tx } from "@/db/client";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { insertDeliveries, notifyOutboxIfPending } from "@/lib/outbound/engine/outbox";
import { envelopeBody } from "./envelope";
import { eventSchemas, type EventData, type EventEnvelope, type OperationalEventType } from "./catalog";

/** One operational event to emit; `type` narrows `data`. */
export type OperationalEvent = {
  [T in OperationalEventType]: { project: { id: string; name: string }; type: T; data: EventData<T> };
}[OperationalEventType];

/** Where an admin deals with it: the project's Webhooks settings (the `url_settings` of the payloads). */
export function webhookSettingsUrl(projectId: string): string {
  return new URL(`projects/${encodeURIComponent(projectId)}/settings/webhooks`, `${env().APP_URL.replace(/\/+$/, "")}/`).href;
}

/** The `webhook` object of a webhook.* payload (its URL as the UI shows it: a Slack URL redacted). */
export function webhookSubject(w: { id: string; projectId: string; name: string; kind: "generic" | "slack"; urlRedacted: string; health: "healthy" | "degraded" | "disabled" }) {
  return { id: w.id, name: w.name, kind: w.kind, url: w.urlRedacted, health: w.health, url_settings: webhookSettingsUrl(w.projectId) };
}

/** The webhook or inbound webhook an operational event is about. */
export function subjectOf(e: OperationalEvent): { outboundWebhookId: string | null; id: string } {
  if ("webhook" in e.data) return { outboundWebhookId: e.data.webhook.id, id: e.data.webhook.id };
  return { outboundWebhookId: null, id: e.data.inbound_webhook.id };
}

/** The notification's sentence for the admins, in plain words. */
export function noticeMessage(e: OperationalEvent): string {
  switch (e.type) {
    case "webhook.degraded":
      return `Webhook “${e.data.webhook.name}” is degraded: ${e.data.consecutive_failures} deliveries in a row failed. Check the receiver.`;
    case "webhook.disabled":
      return `Webhook “${e.data.webhook.name}” was disabled after ${e.data.consecutive_failures} failed deliveries in a row. New deliveries wait until you re-enable it.`;
    case "webhook.recovered":
      return `Webhook “${e.data.webhook.name}” is healthy again.`;
    case "webhook.secret_rotated":
      return `The signing secret of webhook “${e.data.webhook.name}” was rotated; the previous one keeps signing until it retires.`;
    case "inbound.failing":
      return e.data.reason === "silent" ? `The inbound webhook has gone quiet. ${e.data.detail}` : `The inbound webhook is failing: ${e.data.detail}`;
  }
}

function envelopeOf(e: OperationalEvent, createdAt: string): EventEnvelope {
  return {
    id: newId("evt"),
    type: e.type,
    created_at: createdAt,
    project: { id: e.project.id, name: e.project.name },
    data: eventSchemas[e.type].parse(e.data) as Record<string, unknown>,
  };
}

/**
 * One statement: the events rows, their fan-out (never to the webhook an event is about), one
 * notification per project admin, and NOTIFY when a delivery is due.
 */
export function operationalEventsStatement(list: OperationalEvent[]): SQL {
  const now = new Date().toISOString();
  const rows = list.map((e) => {
    const envelope = envelopeOf(e, now);
    return { id: envelope.id, project_id: e.project.id, type: e.type, body: envelopeBody(envelope), about_webhook_id: subjectOf(e).outboundWebhookId, subject_id: subjectOf(e).id, message: noticeMessage(e) };
  });
  return sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id text, project_id text, type text, body text, about_webhook_id text, subject_id text, message text)
    ),
    event as (
      insert into events (id, project_id, type, body) select id, project_id, type, body from input
    ),
    fan_out as (${insertDeliveries(sql`input e`)}),
    notice as (
      insert into notifications (id, user_id, project_id, kind, subject_id, message)
      select 'ntf_' || replace(gen_random_uuid()::text, '-', ''), m.user_id, i.project_id, i.type, i.subject_id, i.message
      from input i join project_members m on m.project_id = i.project_id and m.role = 'admin'
    )
    select ${notifyOutboxIfPending("fan_out")}`;
}

/** Emits operational events inside a drizzle transaction (admin paths: rotation, inbound receipts). */
export async function emitOperational(tx: Tx, list: OperationalEvent[]): Promise<void> {
  if (list.length) await tx.execute(operationalEventsStatement(list));
}

const dialect = new PgDialect();
/** The same statement as text and parameters, for the drain's postgres.js connection (lib/outbound/engine/record.ts). */
export function operationalEventsQuery(list: OperationalEvent[]): { text: string; params: unknown[] } {
  const q = dialect.sqlToQuery(operationalEventsStatement(list));
  return { text: q.sql, params: q.params };
}

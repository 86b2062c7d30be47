// The Deliveries tab: outbound attempts and inbound receipts in one list, newest first, with keyset
// pagination on (created_at, id) so every page is an index range scan however large the table grows.
import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { STATUS_CODES } from "node:http";
import { db } from "@/db/client";
import { deliveries, deliveryAttempts, events, outboundWebhooks } from "@/db/schema";
import { CURSOR_TIME_FORMAT, decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { BadRequest, NotFound } from "@/lib/http/errors";
import { env } from "@/lib/env";
import { blockedWebhook, parkedDelivery } from "./engine/parked";
import { DELIVERY_STATE_FILTERS, isInboundOutcome, type OutboundStatus } from "./delivery-states";
import { presentDelivery, type DeliveryJson, type DeliveryRow } from "./present";
import { recordedRequestHeaders } from "./request";

export const MAX_SEARCH_LENGTH = 200;

const instant = () =>
  z.iso
    .datetime({ offset: true, message: "an ISO 8601 date and time, e.g. 2026-05-15T10:00:00Z" })
    // Inside PostgreSQL's range and a sane one (a far year is a typo, and would be refused by timestamptz).
    .refine((v) => Math.abs(Date.parse(v) - Date.now()) < 50 * 365 * 86_400_000, "a date within 50 years of today")
    .optional();

export const listDeliveriesQuery = z
  .object({
    cursor: z.string().max(500).optional(),
    direction: z.enum(["outbound", "inbound"]).optional(),
    webhook: z.string().min(1).max(100).optional(),
    status: z.enum(DELIVERY_STATE_FILTERS).optional(),
    event: z.string().min(1).max(200).optional(),
    // An event id (= webhook-id), a delivery id, or a tracker's delivery id: exact matches, never a scan.
    q: z.string().trim().max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`).optional(),
    from: instant(),
    to: instant(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ["to"], message: "must not be before from" });
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

// A claim only sets a lease (lib/outbound/engine/claim.ts): a leased pending or failed row is being
// delivered, and its next attempt is when the lease ends. A waiting row of a paused or disabled webhook
// is parked (lib/outbound/engine/parked.ts) and shows as 'paused'. Over the aliases of a deliveries row
// `d` and its outbound webhook `w` (left-joined: inbound rows have none).
const leased = (d: string) => `(${d}.lease_until is not null and ${d}.status in ('pending', 'failed'))`;
export const shownStatus = (d: string, w: string) =>
  sql<DeliveryRow["status"]>`(case when ${sql.raw(leased(d))} then 'delivering' when ${sql.raw(parkedDelivery(d, w))} then 'paused' else ${sql.raw(d)}.status::text end)`;

// The list's own aliases: drizzle names the tables.
const D = "deliveries";
const W = "outbound_webhooks";

function statusFilter(status: NonNullable<ListDeliveriesQuery["status"]>): SQL {
  if (isInboundOutcome(status)) return sql`${deliveries.direction} = 'inbound' and ${deliveries.outcome} = ${status}`;
  // Inbound receipts carry a status too (rejected ones are 'failed'), but their badge reads the outcome.
  return sql`${deliveries.direction} = 'outbound' and ${outboundStatusFilter(status)}`;
}

function outboundStatusFilter(status: OutboundStatus): SQL {
  if (status === "delivering") return sql.raw(leased(D));
  if (status === "paused") return sql.raw(parkedDelivery(D, W));
  // A literal (the value is a validated enum), so the planner can match the partial status index.
  const is = sql`${deliveries.status} = ${sql.raw(`'${status}'`)}`;
  return status === "pending" || status === "failed" ? sql`${is} and ${deliveries.leaseUntil} is null and not ${sql.raw(blockedWebhook(W))}` : is;
}

const listColumns = {
  id: deliveries.id,
  direction: deliveries.direction,
  outboundWebhookId: deliveries.outboundWebhookId,
  inboundWebhookId: deliveries.inboundWebhookId,
  webhookName: outboundWebhooks.name,
  inboundProvider: deliveries.inboundProvider,
  test: deliveries.test,
  eventId: deliveries.eventId,
  eventType: deliveries.eventType,
  status: shownStatus(D, W),
  outcome: deliveries.outcome,
  outcomeReason: deliveries.outcomeReason,
  attempts: deliveries.attempts,
  nextAttemptAt: sql`coalesce(${deliveries.leaseUntil}, ${deliveries.nextAttemptAt})`.mapWith(deliveries.nextAttemptAt),
  lastStatusCode: deliveries.lastStatusCode,
  lastError: deliveries.lastError,
  replayOf: deliveries.replayOf,
  createdAt: deliveries.createdAt,
  updatedAt: deliveries.updatedAt,
};

export async function listDeliveries(projectId: string, q: ListDeliveriesQuery): Promise<{ deliveries: DeliveryJson[]; next_cursor: string | null; retention_days: number }> {
  const where: SQL[] = [eq(deliveries.projectId, projectId)];
  if (q.direction) where.push(eq(deliveries.direction, q.direction));
  if (q.status) where.push(statusFilter(q.status));
  if (q.event) where.push(eq(deliveries.eventType, q.event));
  if (q.webhook) where.push(sql`(${deliveries.outboundWebhookId} = ${q.webhook} or ${deliveries.inboundWebhookId} = ${q.webhook})`);
  if (q.q) where.push(searchFilter(q.q));
  if (q.from) where.push(sql`${deliveries.createdAt} >= ${q.from}::timestamptz`);
  if (q.to) where.push(sql`${deliveries.createdAt} <= ${q.to}::timestamptz`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c) throw new BadRequest("cursor: not a cursor returned by this API", [{ path: "cursor", message: "invalid cursor" }]);
    where.push(sql`(${deliveries.createdAt}, ${deliveries.id}) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await db()
    .select({ ...listColumns, cursorAt: sql<string>`to_char(${deliveries.createdAt} at time zone 'UTC', ${CURSOR_TIME_FORMAT})` })
    .from(deliveries)
    .leftJoin(outboundWebhooks, eq(outboundWebhooks.id, deliveries.outboundWebhookId))
    .where(and(...where))
    // "nulls last" matches the indexes (drizzle's .desc() builds DESC NULLS LAST); a plain DESC means
    // NULLS FIRST, which no index serves, and turned the first page into a sort of the whole project
    // (≈ 900 ms at 1M rows; bench/ui-data.ts).
    .orderBy(sql`${deliveries.createdAt} desc nulls last, ${deliveries.id} desc nulls last`)
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    deliveries: page.map(presentDelivery),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
    // How long finished deliveries are kept (lib/retention), for the tab to say so.
    retention_days: env().RETENTION_DAYS,
  };
}

/**
 * Search: the text is an id, matched exactly where an index finds it — a delivery id (primary key),
 * an event id, which is the webhook-id receivers see (deliveries_event_webhook_idx), or a tracker's delivery id
 * (the inbound dedupe index, which leaves out receipts recorded as duplicates). Ids are short tokens; anything else matches nothing rather than scanning.
 */
function searchFilter(text: string): SQL {
  return sql`(${deliveries.id} = ${text} or ${deliveries.eventId} = ${text}
    or (${deliveries.direction} = 'inbound' and ${deliveries.outcome} <> 'duplicate' and ${deliveries.providerDeliveryId} = ${text}))`;
}

export async function getDeliveryDetail(projectId: string, deliveryId: string) {
  const [row] = await db()
    .select({
      ...listColumns,
      body: events.body,
      requestDigest: deliveries.requestDigest,
      providerDeliveryId: deliveries.providerDeliveryId,
      urlRedacted: outboundWebhooks.urlRedacted,
      webhookKind: outboundWebhooks.kind,
    })
    .from(deliveries)
    .leftJoin(outboundWebhooks, eq(outboundWebhooks.id, deliveries.outboundWebhookId))
    .leftJoin(events, eq(events.id, deliveries.eventId))
    .where(and(eq(deliveries.projectId, projectId), eq(deliveries.id, deliveryId)));
  if (!row) throw new NotFound("Delivery not found.");
  const attempts = await db().select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, deliveryId)).orderBy(asc(deliveryAttempts.n));
  const chain = await db().execute<{ id: string; replay_of: string | null; status: string; created_at: string }>(sql`
    with recursive up as (
      select id, replay_of, 0 as depth from deliveries where id = ${deliveryId} and project_id = ${projectId}
      union all
      select d.id, d.replay_of, up.depth + 1 from deliveries d join up on d.id = up.replay_of
    ), down as (
      select d.* from deliveries d where d.id = (select id from up order by depth desc limit 1)
      union all
      select d.* from deliveries d join down on d.replay_of = down.id
    )
    select down.id, down.replay_of, ${shownStatus("down", "w")} as status, down.created_at
    from down left join outbound_webhooks w on w.id = down.outbound_webhook_id order by down.created_at, down.id`);
  // Only outbound deliveries have attempts, and each has its event (deleting an event deletes its deliveries).
  const requestIds = { eventId: row.eventId ?? "", eventType: row.eventType, deliveryId };
  return {
    delivery: presentDelivery(row),
    // The exact text that was signed and sent (events.body): shown and copied as it is, never re-serialised.
    body: row.body ?? null,
    request_digest: row.requestDigest,
    provider_delivery_id: row.providerDeliveryId,
    url: row.urlRedacted ?? null,
    attempts: attempts.map((a) => ({
      n: a.n,
      started_at: a.startedAt.toISOString(),
      duration_ms: a.durationMs,
      status_code: a.statusCode,
      error_class: a.errorClass,
      error_message: a.errorMessage,
      request_headers: recordedRequestHeaders(row.webhookKind ?? "generic", a.customHeaderNames, requestIds, Math.floor(a.startedAt.getTime() / 1000)),
      // Slack: the Block Kit message this attempt sent; generic attempts sent `body`.
      request_body: a.requestBody,
      status_line: a.statusCode === null ? null : `HTTP ${a.statusCode}${STATUS_CODES[a.statusCode] ? ` ${STATUS_CODES[a.statusCode]}` : ""}`,
      response_headers: (a.responseHeaders as Record<string, string> | null) ?? null,
      response_excerpt: a.responseExcerpt,
    })),
    replay_chain: chain.map((c) => ({ id: c.id, replay_of: c.replay_of, status: c.status, created_at: new Date(c.created_at).toISOString() })),
  };
}

// Reading outbound webhooks as the API presents them (secrets' states, parked counts). Kept apart
// from the write paths so secrets.ts and webhooks.ts can both present a webhook without importing each other.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { outboundWebhooks, projects, webhookSecrets } from "@/db/schema";
import { NotFound } from "@/lib/http/errors";
import { shownStatus } from "./deliveries";
import { isBlocked, waitingDelivery } from "./engine/parked";
import { presentWebhook, type OutboundWebhookJson, type RecentDeliveryRow } from "./present";

export async function listOutboundWebhooks(projectId: string): Promise<OutboundWebhookJson[]> {
  const rows = await db().select().from(outboundWebhooks).where(eq(outboundWebhooks.projectId, projectId)).orderBy(outboundWebhooks.createdAt);
  return presentMany(db(), rows);
}

/** The presented webhook, or 404 when it is not in this project. */
export async function webhookJson(exec: Executor, projectId: string, webhookId: string): Promise<OutboundWebhookJson> {
  const rows = await exec.select().from(outboundWebhooks).where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.projectId, projectId)));
  if (!rows.length) throw new NotFound("Webhook not found.");
  return (await presentMany(exec, rows))[0];
}

const RECENT_COUNT = 5;
type RecentRow = { id: string; status: RecentDeliveryRow["status"]; event_type: string; test: boolean; last_status_code: number | null; created_at: string };
const recentColumns = sql`d.id, ${shownStatus("d", "w")} as status, d.event_type, d.test, d.last_status_code, d.created_at`;
const fromRecent = (r: RecentRow): RecentDeliveryRow => ({ id: r.id, status: r.status, eventType: r.event_type, test: r.test, lastStatusCode: r.last_status_code, createdAt: r.created_at });

async function presentMany(exec: Executor, rows: (typeof outboundWebhooks.$inferSelect)[]): Promise<OutboundWebhookJson[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const secrets = await exec.select().from(webhookSecrets).where(inArray(webhookSecrets.webhookId, ids)).orderBy(webhookSecrets.createdAt);
  // Parked: the waiting rows of the webhooks that are paused or disabled (deliveries_due_idx); the
  // others have none, and are not counted.
  const blocked = rows.filter(isBlocked).map((r) => r.id);
  const parked = blocked.length
    ? await exec.execute<{ webhook_id: string; n: number }>(sql`
        select d.outbound_webhook_id as webhook_id, count(*)::int as n from deliveries d
        where d.outbound_webhook_id in ${blocked} and ${sql.raw(waitingDelivery("d"))} group by 1`)
    : [];
  // Each webhook's five newest deliveries and its latest test: a few index probes per webhook
  // (deliveries_outbound_webhook_idx), however long its history.
  const recent = await exec.execute<RecentRow & { webhook_id: string; kind: "recent" | "test" }>(sql`
    select w.id as webhook_id, r.*
    from (values ${sql.join(ids.map((id) => sql`(${id})`), sql`, `)}) as v(id)
    join outbound_webhooks w on w.id = v.id,
    lateral (
      (select 'recent' as kind, ${recentColumns} from deliveries d where d.outbound_webhook_id = w.id
       order by d.created_at desc nulls last, d.id desc nulls last limit ${RECENT_COUNT})
      union all
      (select 'test' as kind, ${recentColumns} from deliveries d where d.outbound_webhook_id = w.id and d.test
       order by d.created_at desc nulls last, d.id desc nulls last limit 1)
    ) r`);
  const recentOf = (id: string, kind: "recent" | "test") => recent.filter((x) => x.webhook_id === id && x.kind === kind).map(fromRecent);
  return rows.map((r) =>
    presentWebhook(
      r,
      secrets.filter((s) => s.webhookId === r.id),
      parked.find((p) => p.webhook_id === r.id)?.n ?? 0,
      recentOf(r.id, "recent"),
      recentOf(r.id, "test")[0] ?? null,
    ),
  );
}

/** The webhook row and its project's name: what an operational event about the webhook names (lib/events/operational.ts). */
export async function webhookWithProject(exec: Executor, webhookId: string) {
  const [row] = await exec
    .select({ webhook: outboundWebhooks, projectName: projects.name })
    .from(outboundWebhooks)
    .innerJoin(projects, eq(projects.id, outboundWebhooks.projectId))
    .where(eq(outboundWebhooks.id, webhookId));
  if (!row) throw new NotFound("Webhook not found.");
  return row;
}

// Reading the audit log: who did what to which target and when, newest first, in keyset pages on
// (project_id, id) — ids are assigned in insert order, so the page is an index range scan.
import "server-only";
import { and, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db } from "@/db/client";
import { auditLog, deliveries, inboundWebhooks, invitations, outboundWebhooks, users } from "@/db/schema";
import { decodeCursor, pageQuery, toPage } from "@/lib/http/keyset";
import { actionsForFilter, auditGroupOf, describeAudit, SYSTEM_ACTOR } from "./actions";

// Sane instants only: PostgreSQL's timestamptz refuses some years Date.parse accepts.
const instant = z.iso
  .datetime({ offset: true, message: "Use an ISO 8601 date and time, e.g. 2026-05-15T10:20:30Z." })
  .max(40)
  .refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, "Use a date between 1970 and 9999.");

export const listAuditQuery = pageQuery.extend({
  action: z
    .string()
    .max(80)
    .regex(/^[a-z_]+(\.[a-z_]+)?$/, "Use an action group (e.g. webhooks) or an action code (e.g. outbound_webhook.created).")
    .optional(),
  actor: z.string().max(80).regex(/^[a-z0-9_]+$/, "Use a user id or system.").optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

const actor = alias(users, "actor");
const targetUser = alias(users, "target_user");

type AuditRow = {
  id: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: unknown;
  createdAt: Date;
};

/**
 * How a target reads in a sentence: its current name when it still exists, else the name the row
 * kept (a deleted webhook's), else what kind of thing it was.
 */
function targetText(targetId: string | null, label: string | null, details: Record<string, unknown>): string {
  if (label) return label;
  if (typeof details.name === "string" && details.name) return `“${details.name}”`;
  if (!targetId) return "";
  const kind: Record<string, string> = { wh: "a webhook since deleted", usr: "a deleted account", inv: "an invitation", dlv: `delivery ${targetId}` };
  return kind[targetId.split("_")[0]] ?? targetId;
}

export function presentAudit(r: AuditRow) {
  const details = r.details && typeof r.details === "object" ? (r.details as Record<string, unknown>) : {};
  return {
    id: String(r.id),
    action: r.action,
    group: auditGroupOf(r.action),
    actor: r.actorId ? { user_id: r.actorId, name: r.actorName ?? "A deleted account" } : null,
    target_id: r.targetId,
    summary: describeAudit(r.action, { target: targetText(r.targetId, r.targetLabel, details), details }),
    details,
    created_at: r.createdAt.toISOString(),
  };
}
export type AuditJson = ReturnType<typeof presentAudit>;

export async function listAudit(projectId: string, q: ListAuditQuery) {
  const where: SQL[] = [eq(auditLog.projectId, projectId)];
  if (q.action) where.push(inArray(auditLog.action, actionsForFilter(q.action)));
  if (q.actor) where.push(q.actor === SYSTEM_ACTOR ? isNull(auditLog.actorId) : eq(auditLog.actorId, q.actor));
  if (q.from) where.push(gte(auditLog.createdAt, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.createdAt, new Date(q.to)));
  if (q.cursor) where.push(lt(auditLog.id, decodeCursor(q.cursor, ["number"])[0]));
  const rows = await db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: actor.name,
      targetId: auditLog.targetId,
      // The target's current name, whichever table it lives in (quoted when it is a name people chose).
      targetLabel: sql<string | null>`coalesce(
        '“' || ${outboundWebhooks.name} || '”',
        ${targetUser.name} || ' (' || ${targetUser.email} || ')',
        ${invitations.email},
        case when ${inboundWebhooks.id} is not null then 'the inbound webhook' end,
        case when ${deliveries.id} is not null then 'a delivery of ' || ${deliveries.eventType} end
      )`,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(outboundWebhooks, eq(outboundWebhooks.id, auditLog.targetId))
    .leftJoin(targetUser, eq(targetUser.id, auditLog.targetId))
    .leftJoin(invitations, eq(invitations.id, auditLog.targetId))
    .leftJoin(inboundWebhooks, eq(inboundWebhooks.id, auditLog.targetId))
    .leftJoin(deliveries, eq(deliveries.id, auditLog.targetId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.id], presentAudit);
}

/** Everyone who appears as an actor in the project's log (the actor filter's choices), by name. */
export async function listAuditActors(projectId: string): Promise<Array<{ user_id: string; name: string }>> {
  const rows = await db()
    .selectDistinct({ userId: auditLog.actorId, name: actor.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.projectId, projectId), sql`${auditLog.actorId} is not null`));
  return rows
    .map((r) => ({ user_id: r.userId!, name: r.name ?? "A deleted account" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

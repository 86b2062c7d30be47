// Applying a tracker's normalized issue event to the local issue it is linked to, inside the
// receipt's transaction, through the same domain functions the API uses (so the change emits
// issue.created|updated|deleted into the outbox and the live stream like any other write).
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { projectMembers } from "@/db/schema";
import { createIssueInTx, deleteIssueInTx, findIssueByExternalKey, updateIssueInTx, type Issue } from "@/lib/domain/issues";
import type { InboundProvider } from "./providers";
import type { NormalizedIssueEvent } from "./providers/normalized";
import { isStale } from "./staleness";

export type SyncResult = { outcome: "applied" | "imported" | "ignored"; reason?: string; issueId?: string };

/** Tracker values clamped to what a local issue accepts, so a long title never fails a receipt. */
export function issueFieldsFrom(event: NormalizedIssueEvent) {
  return {
    title: event.title.trim().slice(0, 500) || `Untitled ${event.key}`,
    state: event.state,
    labels: [...new Set(event.labels.map((l) => l.trim().slice(0, 100)).filter(Boolean))].slice(0, 50),
    assignee: event.assignee?.trim().slice(0, 200) || null,
    external: { key: event.key.slice(0, 200), url: event.url && /^https?:\/\//.test(event.url) && event.url.length <= 2000 ? event.url : null },
  };
}

type SyncTarget = { project: { id: string; name: string; createdBy: string | null }; provider: InboundProvider };

/**
 * The advisory lock key of a tracker issue. Two receipts about the same tracker issue (e.g. a fast
 * opened + labeled) must not both import it, so the caller holds this lock (pg_advisory_xact_lock
 * on hashtextextended(key, 0)) in the transaction before applyIssueEvent; the receipt pipeline takes
 * it in the same statement as its dedupe locks.
 */
export function issueLockKey(webhook: SyncTarget, event: Pick<NormalizedIssueEvent, "key">): string {
  return `${webhook.project.id}:${webhook.provider}:${event.key}`;
}

/** The local issue linked to the event's tracker issue, locked FOR UPDATE; read it holding issueLockKey. */
export function linkedIssue(tx: Tx, webhook: SyncTarget, event: Pick<NormalizedIssueEvent, "key">): Promise<Issue | undefined> {
  return findIssueByExternalKey(tx, webhook.project.id, webhook.provider, event.key);
}

/**
 * Applies the event to `existing` (its linkedIssue, undefined when none). The caller holds the
 * issue's lock (issueLockKey) in `tx` and read `existing` after taking it.
 */
export async function applyIssueEvent(tx: Tx, webhook: SyncTarget, event: NormalizedIssueEvent, existing: Issue | undefined): Promise<SyncResult> {
  const { project } = webhook;
  const provider = webhook.provider;
  const incoming = { updatedAt: event.updatedAt, rev: event.rev };
  const sync = { externalUpdatedAt: event.updatedAt, externalRev: event.rev, syncedAt: new Date() };
  const fields = issueFieldsFrom(event);
  const external = { provider, ...fields.external };

  if (existing && isStale({ updatedAt: existing.externalUpdatedAt, rev: existing.externalRev }, incoming)) {
    return { outcome: "ignored", reason: "stale: older than the stored version", issueId: existing.id };
  }
  if (event.action === "delete") {
    if (!existing) return { outcome: "ignored", reason: "unknown issue deleted" };
    await deleteIssueInTx(tx, project, existing.id);
    return { outcome: "applied", issueId: existing.id };
  }
  if (existing) {
    const row = await updateIssueInTx(tx, project, existing.id, { title: fields.title, state: fields.state, labels: fields.labels, assignee: fields.assignee, external }, sync);
    return { outcome: "applied", issueId: row.id };
  }
  const row = await createIssueInTx(tx, project, { ...fields, external }, { actorId: await importingUser(tx, project), sync });
  return { outcome: "imported", issueId: row.id };
}

/** Imported issues are recorded as created by the project's creator, or its first admin if that account is gone. */
async function importingUser(tx: Tx, project: { id: string; createdBy: string | null }): Promise<string | null> {
  if (project.createdBy) return project.createdBy;
  const [admin] = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.role, "admin")))
    .orderBy(asc(projectMembers.createdAt))
    .limit(1);
  return admin?.userId ?? null;
}

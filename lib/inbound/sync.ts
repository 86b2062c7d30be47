// Applying a tracker's normalized issue event to the local issue it is linked to, inside the
// receipt's transaction, through the same domain functions the API uses (so the change emits
// issue.created|updated|deleted into the outbox and the live stream like any other write).
import "server-only";
import type { Tx } from "@/db/client";
import { createIssueInTx, deleteIssueInTx, updateIssueInTx, type Issue } from "@/lib/domain/issues";
import { TRACKER_LIMITS } from "./bounded";
import type { InboundProvider } from "./providers";
import type { NormalizedIssueEvent } from "./providers/normalized";
import type { SyncPlan } from "./sync-plan";

/**
 * A local issue's fields from a tracker's event. The adapters already cut and cleaned every value
 * to TRACKER_LIMITS (which fit what a local issue accepts); this only trims, dedupes and fills in.
 */
export function issueFieldsFrom(event: NormalizedIssueEvent) {
  return {
    title: event.title.trim() || `Untitled ${event.key}`,
    state: event.state,
    labels: [...new Set(event.labels.map((l) => l.trim()).filter(Boolean))].slice(0, TRACKER_LIMITS.labels),
    assignee: event.assignee?.trim() || null,
    external: { key: event.key, url: event.url },
  };
}

/** Where a change lands: the project (events carry its name), the tracker, and who imports new issues. */
export type SyncTarget = { project: { id: string; name: string }; provider: InboundProvider; importer: string | null };

/**
 * The advisory lock key of a tracker issue. Two receipts about the same tracker issue (e.g. a fast
 * opened + labeled) must not both import it, so the caller holds this lock (pg_advisory_xact_lock
 * on hashtextextended(key, 0)) in the transaction before reading the linked issue; the receipt
 * pipeline takes it in the same statement as its dedupe locks.
 */
export function issueLockKey(projectId: string, provider: InboundProvider, event: Pick<NormalizedIssueEvent, "key">): string {
  return `${projectId}:${provider}:${event.key}`;
}

/** Carries out `plan` (from planSync on the linked issue read under its lock) in `tx`. */
export async function applySync(tx: Tx, target: SyncTarget, event: NormalizedIssueEvent, plan: SyncPlan<Issue>): Promise<void> {
  if (plan.outcome === "ignored") return;
  const { project, provider } = target;
  const fields = issueFieldsFrom(event);
  const external = { provider, ...fields.external };
  const sync = { externalUpdatedAt: event.updatedAt, externalRev: event.rev, syncedAt: new Date() };
  if (plan.action === "delete") await deleteIssueInTx(tx, project, plan.issue.id, plan.issue);
  else if (plan.action === "update") {
    const changes = { title: fields.title, state: fields.state, labels: fields.labels, assignee: fields.assignee, external };
    await updateIssueInTx(tx, project, plan.issue.id, changes, sync, plan.issue);
  } else await createIssueInTx(tx, project, { ...fields, external }, { actorId: target.importer, sync });
}

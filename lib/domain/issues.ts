// Issues: local issues, optionally linked to an external tracker's issue ({provider, key, url}).
// The *InTx functions join the caller's transaction, so the inbound receipt pipeline can apply a
// tracker's change and record its delivery atomically; the plain functions are the API's verbs.
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { issues } from "@/db/schema";
import { emit } from "@/lib/events/emit";
import type { Page, PageParams } from "@/lib/http/cursor";
import { Conflict, NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { iso } from "./iso";
import { isHttpUrl } from "@/lib/http/safe-url";
import { ISSUE_LIMITS } from "./issue-limits";
import { listPage } from "./keyset";
import { projectLink } from "./links";
import { getProject } from "./projects";

export type Issue = typeof issues.$inferSelect;
type ProjectRef = { id: string; name: string };

export const ISSUE_STATES = ["open", "in_progress", "closed"] as const;
export const ISSUE_PROVIDERS = ["jira", "github", "azure_devops", "simple_url"] as const;

const external = z.object({
  provider: z.enum(ISSUE_PROVIDERS, "Choose jira, github, azure_devops or simple_url."),
  key: z.string().trim().min(1, "Give the external key, e.g. PROJ-7 or octo/repo#12.").max(ISSUE_LIMITS.key),
  url: z
    .url({ protocol: /^https?$/, error: "Enter an absolute http(s) URL." })
    .max(ISSUE_LIMITS.url)
    .refine(isHttpUrl, "Enter an absolute http(s) URL.")
    .nullable()
    .optional(),
});
const issueFields = {
  title: z.string().trim().min(1, "Give the issue a title.").max(ISSUE_LIMITS.title, `Keep the title under ${ISSUE_LIMITS.title} characters.`),
  description: z.string().max(ISSUE_LIMITS.description, `Keep the description under ${ISSUE_LIMITS.description.toLocaleString("en")} characters.`),
  state: z.enum(ISSUE_STATES, "Choose open, in_progress or closed."),
  labels: z.array(z.string().trim().min(1).max(ISSUE_LIMITS.label)).max(ISSUE_LIMITS.labels, `At most ${ISSUE_LIMITS.labels} labels.`),
  assignee: z.string().trim().min(1).max(ISSUE_LIMITS.assignee).nullable(),
  external: external.nullable(),
};
export const createIssueInput = z.object({
  title: issueFields.title,
  description: issueFields.description.default(""),
  state: issueFields.state.default("open"),
  labels: issueFields.labels.default([]),
  assignee: issueFields.assignee.optional(),
  external: issueFields.external.optional(),
});
export const updateIssueInput = z
  .object(issueFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");

/** Sync bookkeeping the inbound pipeline stores beside a tracker's change (never set through the API). */
export type SyncMeta = { externalUpdatedAt?: Date | null; externalRev?: number | null; syncedAt?: Date | null };
export type CreateIssueInput = z.input<typeof createIssueInput>;
export type UpdateIssueInput = z.infer<typeof updateIssueInput>;

export function presentIssue(row: Issue) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    state: row.state as (typeof ISSUE_STATES)[number],
    labels: row.labels,
    assignee: row.assignee,
    url: projectLink(row.projectId, "issues", row.id),
    external:
      row.externalProvider && row.externalKey ? { provider: row.externalProvider, key: row.externalKey, url: row.externalUrl && isHttpUrl(row.externalUrl) ? row.externalUrl : null } : null,
    synced_at: iso(row.syncedAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

// ── Reads ────────────────────────────────────────────────────────────────────

/** One keyset page of the project's issues, newest first. */
export async function listIssues(projectId: string, page: PageParams): Promise<Page<Issue>> {
  return listPage(issues, projectId, page);
}

export async function getIssue(projectId: string, issueId: string, ex: Tx | ReturnType<typeof db> = db(), opts: { forUpdate?: boolean } = {}): Promise<Issue> {
  const query = ex.select().from(issues).where(and(eq(issues.projectId, projectId), eq(issues.id, issueId)));
  const [row] = await (opts.forUpdate ? query.for("update") : query);
  if (!row) throw new NotFound("Issue not found.");
  return row;
}

/** The local issue linked to an external tracker issue, if any (inbound sync). */
export async function findIssueByExternalKey(tx: Tx, projectId: string, provider: Issue["externalProvider"] & string, key: string) {
  const [row] = await tx
    .select()
    .from(issues)
    .where(and(eq(issues.projectId, projectId), eq(issues.externalProvider, provider), eq(issues.externalKey, key)))
    .for("update");
  return row;
}

// ── Writes inside the caller's transaction ───────────────────────────────────

// Each builds the row it writes in TypeScript, so the write and its event go to PostgreSQL together
// (pipelined on the transaction's connection, one round trip) instead of waiting for RETURNING.

export async function createIssueInTx(
  tx: Tx,
  project: ProjectRef,
  input: CreateIssueInput,
  opts: { actorId?: string | null; sync?: SyncMeta } = {},
): Promise<Issue> {
  const parsed = createIssueInput.parse(input);
  const now = new Date();
  const row: Issue = {
    id: newId("iss"),
    projectId: project.id,
    title: parsed.title,
    description: parsed.description,
    state: parsed.state,
    labels: parsed.labels,
    assignee: parsed.assignee ?? null,
    ...externalColumns(parsed.external),
    externalUpdatedAt: opts.sync?.externalUpdatedAt ?? null,
    externalRev: opts.sync?.externalRev ?? null,
    syncedAt: opts.sync?.syncedAt ?? null,
    createdBy: opts.actorId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await withEvent(tx.insert(issues).values(row).execute(), emit(tx, project, "issue.created", { issue: presentIssue(row) }), () => {
    throw new Conflict(`An issue linked to ${parsed.external?.key} already exists in this project.`);
  });
  return row;
}

/** Updates the issue; `current` is its row already locked in `tx` (the inbound sync read it), else it is read here. */
export async function updateIssueInTx(
  tx: Tx,
  project: ProjectRef,
  issueId: string,
  input: UpdateIssueInput,
  sync?: SyncMeta,
  current?: Issue,
): Promise<Issue> {
  const before = current ?? (await getIssue(project.id, issueId, tx, { forUpdate: true }));
  const { external, ...fields } = input;
  // Absent fields stay as they are (drizzle skips undefined in SET; the row built here must too).
  const changes = definedOnly({ ...fields, ...(external !== undefined ? externalColumns(external) : {}), ...sync, updatedAt: new Date() });
  const row: Issue = { ...before, ...changes };
  const write = tx.update(issues).set(changes).where(and(eq(issues.projectId, project.id), eq(issues.id, before.id))).execute();
  await withEvent(write, emit(tx, project, "issue.updated", { issue: presentIssue(row) }), () => {
    throw new Conflict(`Another issue is already linked to ${external?.key}.`);
  });
  return row;
}

export async function deleteIssueInTx(tx: Tx, project: ProjectRef, issueId: string, current?: Issue): Promise<Issue> {
  const row = current ?? (await getIssue(project.id, issueId, tx, { forUpdate: true }));
  const write = tx.delete(issues).where(and(eq(issues.projectId, project.id), eq(issues.id, row.id))).execute();
  await withEvent(write, emit(tx, project, "issue.deleted", { issue: presentIssue(row) }));
  return row;
}

/**
 * Awaits a write and its event, sent together. If the write fails, PostgreSQL fails the event too
 * (the transaction is aborted) and the write's error, which arrives first, is the one thrown.
 */
async function withEvent(write: Promise<unknown>, event: Promise<unknown>, onUniqueViolation?: () => never): Promise<void> {
  try {
    await Promise.all([write, event]);
  } catch (err) {
    if (onUniqueViolation && isUniqueViolation(err)) onUniqueViolation();
    throw err;
  }
}

// ── The API's verbs: one transaction each ───────────────────────────────────

export async function createIssue(actorId: string, projectId: string, input: CreateIssueInput): Promise<Issue> {
  return db().transaction(async (tx) => createIssueInTx(tx, await getProject(projectId, tx), input, { actorId }));
}

export async function updateIssue(projectId: string, issueId: string, input: UpdateIssueInput): Promise<Issue> {
  return db().transaction(async (tx) => updateIssueInTx(tx, await getProject(projectId, tx), issueId, input));
}

export async function deleteIssue(projectId: string, issueId: string): Promise<Issue> {
  return db().transaction(async (tx) => deleteIssueInTx(tx, await getProject(projectId, tx), issueId));
}

function externalColumns(link: z.infer<typeof external> | null | undefined) {
  return {
    externalProvider: link?.provider ?? null,
    externalKey: link?.key ?? null,
    externalUrl: link?.url ?? null,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isUniqueViolation(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string }; code?: string }) ?? {};
  return cause.code === "23505" || cause.cause?.code === "23505";
}

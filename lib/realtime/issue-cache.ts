// How a live issue event changes what a page already shows: pure, so the list and the detail
// view stay consistent with the server without a refetch.
export type LiveIssue = { id: string; updated_at: string } & Record<string, unknown>;
export type LiveIssueMessage = { id: number; kind: string; project_id: string; data: { issue: LiveIssue } };

/** The list after the event: created/updated upsert (newest first for new ones), deleted removes. */
export function applyToList<T extends LiveIssue>(list: T[] | undefined, msg: LiveIssueMessage): T[] | undefined {
  if (!list) return list;
  const issue = msg.data.issue as T;
  if (msg.kind === "issue.deleted") return list.filter((i) => i.id !== issue.id);
  const i = list.findIndex((x) => x.id === issue.id);
  if (i < 0) return [issue, ...list];
  // An event older than what the list shows (replayed after a reconnect) must not roll it back.
  if (list[i].updated_at > issue.updated_at) return list;
  return list.map((x, j) => (j === i ? merge(x, issue) : x));
}

/** The single issue after the event: replaced when it is the same issue, null when deleted. */
export function applyToIssue<T extends LiveIssue>(current: T | null | undefined, msg: LiveIssueMessage): T | null | undefined {
  const issue = msg.data.issue as T;
  if (!current || current.id !== issue.id) return current;
  if (msg.kind === "issue.deleted") return null;
  return current.updated_at > issue.updated_at ? current : merge(current, issue);
}

// Event payloads carry the catalog's issue object; fields only the API adds (e.g. synced_at) are
// kept from what the page already has.
function merge<T extends LiveIssue>(current: T, incoming: T): T {
  return { ...current, ...incoming };
}

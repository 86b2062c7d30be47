// How a live issue event changes what a page already shows: pure, so the list and the detail
// view stay consistent with the server without a refetch.
export type LiveIssue = { id: string; created_at: string; updated_at: string } & Record<string, unknown>;
/** A live event as the stream sends it; `issue.deleted` carries only the id (lib/realtime/publish.ts). */
export type LiveIssueMessage = { id: number; kind: string; project_id: string; data: { issue: { id: string } & Partial<LiveIssue> } };

/** The keyset pages a list has loaded (lib/use-paged-list.ts), newest first by (created_at, id). */
export type LoadedPages<T> = { pages: Array<{ items: T[]; next_cursor: string | null }>; pageParams: unknown[] };

/**
 * The loaded pages after the event: deleted removes; created or updated replaces the shown version
 * unless it is newer, and an issue not shown goes where the server's order puts it, if that place is
 * within the loaded pages (otherwise "Load more" brings it, and inserting it now would repeat it then).
 */
export function applyToPages<T extends LiveIssue>(data: LoadedPages<T> | undefined, msg: LiveIssueMessage): LoadedPages<T> | undefined {
  if (!data) return data;
  const id = msg.data.issue.id;
  const shown = data.pages.some((p) => p.items.some((i) => i.id === id));
  if (msg.kind === "issue.deleted") return shown ? withPages(data, (items) => items.filter((i) => i.id !== id)) : data;
  const issue = msg.data.issue as T;
  if (typeof issue.created_at !== "string" || typeof issue.updated_at !== "string") return data;
  // An event older than what the list shows (replayed after a reconnect) must not roll it back.
  if (shown) return withPages(data, (items) => items.map((x) => (x.id === id && x.updated_at <= issue.updated_at ? merge(x, issue) : x)));
  const lastPage = data.pages.length - 1;
  const target = data.pages.findIndex((p, k) => (k === lastPage && p.next_cursor === null) || (p.items.length > 0 && sortsBefore(issue, p.items[p.items.length - 1])));
  if (target < 0) return data;
  return withPages(data, (items, k) => {
    if (k !== target) return items;
    const at = items.findIndex((x) => sortsBefore(issue, x));
    return at < 0 ? [...items, issue] : [...items.slice(0, at), issue, ...items.slice(at)];
  });
}

/** The single issue after the event: replaced when it is the same issue, null when deleted. */
export function applyToIssue<T extends LiveIssue>(current: T | null | undefined, msg: LiveIssueMessage): T | null | undefined {
  if (!current || current.id !== msg.data.issue.id) return current;
  if (msg.kind === "issue.deleted") return null;
  const issue = msg.data.issue as T;
  return current.updated_at > (issue.updated_at ?? "") ? current : merge(current, issue);
}

// Newest first by (created_at, id), as the API's keyset pages are.
function sortsBefore(a: LiveIssue, b: LiveIssue): boolean {
  return a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id);
}

function withPages<T>(data: LoadedPages<T>, f: (items: T[], page: number) => T[]): LoadedPages<T> {
  return { ...data, pages: data.pages.map((p, k) => ({ ...p, items: f(p.items, k) })) };
}

// Event payloads carry the catalog's issue object; fields only the API adds (e.g. synced_at) are
// kept from what the page already has.
function merge<T extends LiveIssue>(current: T, incoming: T): T {
  return { ...current, ...incoming };
}

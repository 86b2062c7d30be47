// The Audit log page's filters: kept in the URL as typed (dates as YYYY-MM-DD in the viewer's time
// zone) and turned into the API's query (instants), so a filtered view can be bookmarked or shared.
export type AuditFilters = { action?: string; actor?: string; from?: string; to?: string };
export const AUDIT_FILTER_KEYS = ["action", "actor", "from", "to"] as const satisfies readonly (keyof AuditFilters)[];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersFromParams(params: { get(name: string): string | null }): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key)?.slice(0, 80);
    if (value && ((key !== "from" && key !== "to") || DAY.test(value))) filters[key] = value;
  }
  return filters;
}

/** The page URL's query for these filters ("" when there are none). */
export function auditFiltersToSearch(filters: AuditFilters): string {
  const q = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (filters[key]) q.set(key, filters[key]!);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Local midnight of a YYYY-MM-DD day, `plusDays` later, as an ISO instant. */
function localDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The API query: "from" is the start of its day, "to" includes its whole day. */
export function auditApiQuery(filters: AuditFilters, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (filters.action) q.set("action", filters.action);
  if (filters.actor) q.set("actor", filters.actor);
  if (filters.from) q.set("from", localDayStart(filters.from));
  if (filters.to) q.set("to", localDayStart(filters.to, 1));
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}

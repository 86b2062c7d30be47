// Keyset pages for the API's lists: `?cursor=&limit=` → `{<items>, next_cursor}`.
// A cursor is opaque to clients: base64url of JSON [sort key, id] of the last row of the previous page.
// The sort key is a timestamptz printed by PostgreSQL with all six fractional digits (CURSOR_TIME_SQL),
// so rows created in the same millisecond are neither skipped nor repeated.
// Parsing is strict and total: any string a client sends either is a cursor this API could have
// issued or is a 400, never an exception deeper down (and never an odd value reaching PostgreSQL).
import { BadRequest } from "./errors";

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

export type Cursor = { at: string; id: string };
export type PageParams = { cursor: Cursor | null; limit: number };
export type Page<T> = { items: T[]; nextCursor: string | null };
/** The first page, for server-rendered first views. */
export const FIRST_PAGE: PageParams = { cursor: null, limit: PAGE_LIMIT_DEFAULT };

/** The SQL text that prints a timestamptz in the one format cursors carry (UTC, microseconds). */
export const CURSOR_TIME_FORMAT = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;

// Longest cursor we issue is well under this (a 30-character time and an id of ~30 characters).
const MAX_CURSOR_CHARS = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
// Our ids: a lower-case prefix, "_", then base36 time and hex (lib/ids); or a serial number (audit_log,
// at most 18 digits so it stays within bigint).
const ID = /^(?:[a-z]{1,16}_[a-z0-9]{1,64}|[1-9][0-9]{0,17})$/;
const LIMIT = /^\d{1,3}$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString("base64url");
}

/** The cursor a client sent, or null when it is not one this API issues. Pure; never throws. */
export function decodeCursor(raw: string): Cursor | null {
  if (raw.length === 0 || raw.length > MAX_CURSOR_CHARS || !BASE64URL.test(raw)) return null;
  const bytes = Buffer.from(raw, "base64url");
  // Node ignores stray trailing bits; insist on the canonical spelling, so one cursor has one form.
  if (bytes.toString("base64url") !== raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || !TIME.test(at) || !ID.test(id)) return null;
  // A real instant: the calendar fields survive a round trip (no 2026-02-30, no hour 25).
  const ms = Date.parse(at.slice(0, 23) + "Z");
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 23) !== at.slice(0, 23)) return null;
  return { at, id };
}

/** `cursor` and `limit` from a list request's query; anything malformed is a 400 naming the parameter. */
export function parsePageParams(query: URLSearchParams): PageParams {
  const rawCursor = query.get("cursor");
  const rawLimit = query.get("limit");
  let cursor: Cursor | null = null;
  if (rawCursor !== null && rawCursor !== "") {
    cursor = decodeCursor(rawCursor);
    if (!cursor) throw new BadRequest("cursor: not a cursor this API returned; send next_cursor from the previous page as it is.", [{ path: "cursor", message: "invalid cursor" }]);
  }
  let limit = PAGE_LIMIT_DEFAULT;
  if (rawLimit !== null && rawLimit !== "") {
    const n = LIMIT.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(n >= 1 && n <= PAGE_LIMIT_MAX)) {
      throw new BadRequest(`limit: a whole number from 1 to ${PAGE_LIMIT_MAX}.`, [{ path: "limit", message: `expected 1–${PAGE_LIMIT_MAX}` }]);
    }
    limit = n;
  }
  return { cursor, limit };
}

/**
 * Splits the `limit + 1` rows a page query read into the page and the next cursor: the extra row only
 * says that there is more.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** A page as the API sends it: `{<key>: [...], next_cursor}` (the key names the items, as in `{issues}`). */
export function presentPage<K extends string, T, J>(key: K, page: Page<T>, present: (row: T) => J): Record<K, J[]> & { next_cursor: string | null } {
  return { [key]: page.items.map(present), next_cursor: page.nextCursor } as Record<K, J[]> & { next_cursor: string | null };
}

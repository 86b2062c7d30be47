// The cursor of the project lists (issues, cases, test runs, sessions), on the one keyset codec
// (lib/http/keyset.ts): the values are [created_at, id] of the last row of the previous page. created_at
// is printed by PostgreSQL in one exact format with all six fractional digits (CURSOR_TIME_FORMAT), so
// rows created in the same millisecond are neither skipped nor repeated.
// Parsing is strict and total: any string a client sends either is a cursor this API could have issued
// or is a 400 naming it, never an exception deeper down (and never an odd value reaching PostgreSQL).
import { decodeCursor as decodeValues, encodeCursor as encodeValues, pageQuery } from "./keyset";
import { BadRequest, Invalid } from "./errors";
import { fieldErrors } from "./route";

export type Cursor = { at: string; id: string };
export type PageParams = { cursor: Cursor | null; limit: number };
/** One page as the list functions return it (keyset.ts's toPage). */
export type Page<T> = { items: T[]; next_cursor: string | null };

/** The first page (the default size), for server-rendered first views. */
export const FIRST_PAGE: PageParams = { cursor: null, limit: pageQuery.parse({}).limit };

/** The to_char format that prints a timestamptz as cursors carry it (UTC, microseconds). */
export const CURSOR_TIME_FORMAT = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
// Our ids: a lower-case prefix, "_", then base36 time and hex (lib/ids).
const ID = /^[a-z]{1,16}_[a-z0-9]{1,64}$/;

export function encodeCursor(c: Cursor): string {
  return encodeValues([c.at, c.id]);
}

/** The cursor a client sent, or null when it is not one this API issues. Pure; never throws. */
export function decodeCursor(raw: string): Cursor | null {
  if (raw.length === 0 || raw.length > 200 || !BASE64URL.test(raw)) return null;
  // Node ignores stray trailing bits; insist on the canonical spelling, so one cursor has one form.
  if (Buffer.from(raw, "base64url").toString("base64url") !== raw) return null;
  let at: string, id: string;
  try {
    [at, id] = decodeValues(raw, ["string", "string"]);
  } catch {
    return null;
  }
  if (!TIME.test(at) || !ID.test(id)) return null;
  // A real instant: the calendar fields survive a round trip (no 2026-02-30, no hour 25).
  const ms = Date.parse(at.slice(0, 23) + "Z");
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 23) !== at.slice(0, 23)) return null;
  return { at, id };
}

/** `cursor` and `limit` of a list request: a malformed cursor is a 400, a limit out of 1–100 a 422 (as for every keyset list). */
export function parsePageParams(query: URLSearchParams): PageParams {
  const parsed = pageQuery.safeParse(Object.fromEntries([...query].filter(([k, v]) => (k === "cursor" || k === "limit") && v !== "")));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    if (errors.some((e) => e.path === "cursor")) throw new BadRequest("cursor: not a cursor this API returned; send next_cursor from the previous page as it is.", errors);
    throw new Invalid(errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
  }
  const { cursor: raw, limit } = parsed.data;
  if (raw === undefined) return { cursor: null, limit };
  const cursor = decodeCursor(raw);
  if (!cursor) throw new BadRequest("cursor: not a cursor this API returned; send next_cursor from the previous page as it is.", [{ path: "cursor", message: "invalid cursor" }]);
  return { cursor, limit };
}

/** A page as the API sends it: `{<key>: [...], next_cursor}` (the key names the items, as in `{issues}`). */
export function presentPage<K extends string, T, J>(key: K, page: Page<T>, present: (row: T) => J): Record<K, J[]> & { next_cursor: string | null } {
  return { [key]: page.items.map(present), next_cursor: page.next_cursor } as Record<K, J[]> & { next_cursor: string | null };
}

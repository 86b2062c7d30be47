// Keyset pages for list endpoints (DESIGN section 5): `?cursor=&limit=` → `{ items, next_cursor }`.
// The cursor is the sort key of the last row, base64url JSON, opaque to clients. A cursor we did not
// issue is a 400 that names it, never a 500: its values are checked before they reach a query.
import { z } from "zod";
import { BadRequest } from "./errors";

export const MAX_PAGE_SIZE = 100;
const MAX_CURSOR_LENGTH = 1_000;

/** The query parameters every keyset list accepts; extend it with the list's own filters. */
export const pageQuery = z.object({
  cursor: z.string().max(MAX_CURSOR_LENGTH, "cursor: not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `limit: at most ${MAX_PAGE_SIZE}`).default(50),
});

export type CursorValue = string | number;
type Kinds = readonly ("string" | "number")[];
type Decoded<K extends Kinds> = { [I in keyof K]: K[I] extends "number" ? number : string };

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The cursor's values, checked against the kinds the list sorts by; anything else → 400. */
export function decodeCursor<const K extends Kinds>(cursor: string, kinds: K): Decoded<K> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.length === kinds.length &&
    values.every((v, i) => (kinds[i] === "number" ? Number.isSafeInteger(v) : typeof v === "string" && v.length <= 500 && safeText(v)));
  if (!ok) throw new BadRequest("cursor: not a cursor returned by this API", [{ path: "cursor", message: "Not a cursor returned by this API." }]);
  return values as Decoded<K>;
}

/** PostgreSQL refuses NUL in text and lone surrogates in jsonb; neither may reach a query. */
function safeText(v: string): boolean {
  return !v.includes("\u0000") && v.isWellFormed();
}

/** Cuts the `limit + 1` rows a query fetched into a page and the cursor of the next one, if any. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => readonly CursorValue[], present: (row: R) => T): { items: T[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(present), next_cursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

// The SQL side of keyset pages (lib/http/cursor.ts holds the cursor itself): a project's rows newest
// first by (created_at, id), the page after a cursor, and the cursor's sort key printed exactly.
import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { CURSOR_TIME_FORMAT, type Cursor } from "@/lib/http/cursor";

type Listed = { projectId: AnyPgColumn; createdAt: AnyPgColumn; id: AnyPgColumn };

/** The project's rows after the cursor (all of them without one). */
export function pageWhere(t: Listed, projectId: string, cursor: Cursor | null): SQL | undefined {
  return and(eq(t.projectId, projectId), cursor ? sql`(${t.createdAt}, ${t.id}) < (${cursor.at}::timestamptz, ${cursor.id})` : undefined);
}

export function pageOrder(t: Listed): SQL[] {
  return [desc(t.createdAt), desc(t.id)];
}

/** created_at with its microseconds, as the cursor carries it (a JS Date would keep milliseconds only). */
export function pageKey(t: Listed): SQL<string> {
  return sql<string>`to_char(${t.createdAt} at time zone 'UTC', ${CURSOR_TIME_FORMAT})`;
}

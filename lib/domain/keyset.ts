// The SQL side of keyset pages (lib/http/cursor.ts holds the cursor itself): one page of a project's
// rows, newest first by (created_at, id), after a cursor whose sort key keeps created_at's microseconds.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { CURSOR_TIME_FORMAT, type Page, type PageParams } from "@/lib/http/cursor";
import { toPage } from "@/lib/http/keyset";

type Listed = PgTable & { projectId: AnyPgColumn; createdAt: AnyPgColumn; id: AnyPgColumn };

/** One keyset page of the project's rows of `table`, newest first. */
export async function listPage<T extends Listed>(table: T, projectId: string, page: PageParams): Promise<Page<T["$inferSelect"]>> {
  const rows = await db()
    // created_at printed as the cursor carries it (a JS Date would keep milliseconds only).
    .select({ row: table as PgTable, key: sql<string>`to_char(${table.createdAt} at time zone 'UTC', ${CURSOR_TIME_FORMAT})` })
    .from(table as PgTable)
    .where(and(eq(table.projectId, projectId), page.cursor ? sql`(${table.createdAt}, ${table.id}) < (${page.cursor.at}::timestamptz, ${page.cursor.id})` : undefined))
    .orderBy(desc(table.createdAt), desc(table.id))
    .limit(page.limit + 1);
  return toPage(rows as Array<{ row: T["$inferSelect"] & { id: string }; key: string }>, page.limit, (r) => [r.key, r.row.id], (r) => r.row);
}

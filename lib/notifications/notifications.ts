// The signed-in user's notices (GET|POST /api/v1/me/notifications): what the hub said about itself to
// the admins of a project — written by lib/events/operational.ts with the transition they report.
// Only projects the user is still an admin of are shown.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { Invalid } from "@/lib/http/errors";
import { CURSOR_TIME_FORMAT, decodeCursor, encodeCursor } from "@/lib/http/cursor";

export const listNotificationsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const markReadInput = z.union([
  z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export type NotificationJson = {
  id: string;
  project: { id: string; name: string };
  kind: string;
  subject_id: string | null;
  message: string;
  /** Where to act on it, a path in this app. */
  link: string;
  created_at: string;
  read_at: string | null;
};

export async function listNotifications(userId: string, q: z.infer<typeof listNotificationsQuery>) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !after) throw new Invalid("cursor: not a cursor returned by this API", [{ path: "cursor", message: "invalid cursor" }]);
  const [rows, unread, [admin]] = await Promise.all([
    db().execute<{ id: string; project_id: string; project_name: string; kind: string; subject_id: string | null; message: string; created_at: string; read_at: string | null; created_at_text: string }>(sql`
      select n.id, n.project_id, p.name as project_name, n.kind, n.subject_id, n.message,
             to_json(n.created_at)#>>'{}' as created_at, to_json(n.read_at)#>>'{}' as read_at, to_char(n.created_at at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as created_at_text
      from notifications n join projects p on p.id = n.project_id
      where n.user_id = ${userId} and ${stillAdmin}
        ${after ? sql`and (n.created_at, n.id) < (${after.at}::timestamptz, ${after.id})` : sql``}
      order by n.created_at desc nulls last, n.id desc nulls last
      limit ${q.limit + 1}`),
    unreadCount(userId),
    db().execute<{ is_admin: boolean }>(sql`select exists (select 1 from project_members where user_id = ${userId} and role = 'admin') as is_admin`),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    notifications: page.map(
      (r): NotificationJson => ({
        id: r.id,
        project: { id: r.project_id, name: r.project_name },
        kind: r.kind,
        subject_id: r.subject_id,
        message: r.message,
        link: `/projects/${r.project_id}/settings/webhooks`,
        created_at: new Date(r.created_at).toISOString(),
        read_at: r.read_at && new Date(r.read_at).toISOString(),
      }),
    ),
    unread,
    /** Admin of at least one project: only admins are notified, so only they are shown the bell. */
    is_admin: admin.is_admin,
    next_cursor: rows.length > q.limit && last ? encodeCursor({ at: last.created_at_text, id: last.id }) : null,
  };
}

/** Marks some (by id) or all of the user's notifications read; returns how many remain unread. */
export async function markNotificationsRead(userId: string, input: z.infer<typeof markReadInput>): Promise<{ unread: number }> {
  const which = "ids" in input ? sql`and id in ${input.ids}` : sql``; // drizzle renders the array as ($1, $2, …)
  await db().execute(sql`update notifications set read_at = now() where user_id = ${userId} and read_at is null ${which}`);
  return { unread: await unreadCount(userId) };
}

// A notice shows only while its user is still an admin of its project.
const stillAdmin = sql`exists (select 1 from project_members m where m.project_id = n.project_id and m.user_id = n.user_id and m.role = 'admin')`;

async function unreadCount(userId: string): Promise<number> {
  const [row] = await db().execute<{ unread: number }>(sql`
    select count(*)::int as unread from notifications n where n.user_id = ${userId} and n.read_at is null and ${stillAdmin}`);
  return row.unread;
}

// The signed-in user's notices about their projects' webhooks (the bell in the app shell).
import { requireActor } from "@/lib/auth/access";
import { json, parseBody, parseQuery, route } from "@/lib/http/route";
import { listNotifications, listNotificationsQuery, markNotificationsRead, markReadInput } from "@/lib/notifications/notifications";

export const GET = route(async (req) => {
  const actor = await requireActor(req);
  return json(await listNotifications(actor.userId, parseQuery(req, listNotificationsQuery)));
});

/** Mark read: {ids: [...]} or {all: true} → {unread}. */
export const POST = route(async (req) => {
  const actor = await requireActor(req);
  const input = await parseBody(req, markReadInput);
  return json(await markNotificationsRead(actor.userId, input));
});

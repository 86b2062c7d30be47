// Who may hold a live stream, checked when it opens and again every ACCESS_RECHECK_MS while it is open:
// a member removed from a project (or whose project is deleted, which removes the memberships), or
// whose credential no longer authenticates (API token revoked or expired, session expired), loses the
// stream within seconds. One process-wide timer re-reads the memberships of every open stream in one
// query; each stream re-authenticates its own request the way every handler does (lib/auth/access.ts).
import "server-only";
import { createHash } from "node:crypto";
import { and, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { projectMembers } from "@/db/schema";
import { currentActor, requireProjectRole } from "@/lib/auth/access";
import { logger } from "@/lib/logger";
import { ACCESS_RECHECK_MS, sameMemberships } from "./live-rules";

export type StreamAccess = {
  userId: string;
  /** The projects streamed, each with when this user's membership began (replay reaches no further back). */
  memberSince: ReadonlyMap<string, Date>;
  /** True while the request's credential still authenticates the same user. */
  reauthenticate: () => Promise<boolean>;
  /** Streams opened with the same credential share one re-authentication per round (a hash, not the credential). */
  credentialKey: string;
};

/** Membership of every project (401 anonymous, 404 outsider, as for any handler), and what to re-check later. */
export async function authorizeStream(req: Request, projectIds: string[]): Promise<StreamAccess> {
  const actors = await Promise.all(projectIds.map((id) => requireProjectRole(req, id, "member")));
  const userId = actors[0].userId;
  const memberSince = (await membershipsOf([userId], projectIds)).get(userId) ?? new Map<string, Date>();
  const credential = createHash("sha256").update(req.headers.get("authorization") ?? "").update("\0").update(req.headers.get("cookie") ?? "");
  return { userId, memberSince, reauthenticate: async () => (await currentActor(req))?.userId === userId, credentialKey: `${userId}:${credential.digest("base64url")}` };
}

async function membershipsOf(userIds: string[], projectIds: string[]): Promise<Map<string, Map<string, Date>>> {
  const rows = await db()
    .select({ userId: projectMembers.userId, projectId: projectMembers.projectId, createdAt: projectMembers.createdAt })
    .from(projectMembers)
    .where(and(inArray(projectMembers.userId, userIds), inArray(projectMembers.projectId, projectIds)));
  const byUser = new Map<string, Map<string, Date>>();
  for (const r of rows) {
    if (!byUser.has(r.userId)) byUser.set(r.userId, new Map());
    byUser.get(r.userId)!.set(r.projectId, r.createdAt);
  }
  return byUser;
}

type Watch = StreamAccess & { revoke: () => void };
type Watcher = { watches: Set<Watch>; timer?: ReturnType<typeof setInterval>; checking: boolean };
const g = globalThis as unknown as { switchyardStreamWatcher?: Watcher };
const watcher = () => (g.switchyardStreamWatcher ??= { watches: new Set(), checking: false });

/** Calls `revoke` once the stream's access is gone. Returns the function that stops watching. */
export function watchAccess(access: StreamAccess, revoke: () => void): () => void {
  const w = watcher();
  const watch: Watch = { ...access, revoke };
  w.watches.add(watch);
  if (!w.timer) {
    w.timer = setInterval(() => void recheck(w), ACCESS_RECHECK_MS);
    w.timer.unref?.();
  }
  return () => {
    w.watches.delete(watch);
    if (w.watches.size === 0 && w.timer) {
      clearInterval(w.timer);
      w.timer = undefined;
    }
  };
}

async function recheck(w: Watcher) {
  if (w.checking || w.watches.size === 0) return; // a slow round is not stacked on
  w.checking = true;
  try {
    const watches = [...w.watches];
    const users = [...new Set(watches.map((x) => x.userId))];
    const projects = [...new Set(watches.flatMap((x) => [...x.memberSince.keys()]))];
    const now = await membershipsOf(users, projects);
    // One re-authentication per credential: a thousand streams of one API token cost one lookup, not a
    // thousand writes to the same row. A failure to check (not a refusal) keeps the stream for now.
    const checks = new Map<string, Promise<boolean>>();
    const authenticated = (x: Watch) => {
      if (!checks.has(x.credentialKey)) checks.set(x.credentialKey, x.reauthenticate().catch(() => true));
      return checks.get(x.credentialKey)!;
    };
    await Promise.all(
      watches.map(async (x) => {
        if (!sameMemberships(x.memberSince, now.get(x.userId) ?? new Map()) || !(await authenticated(x))) x.revoke();
      }),
    );
  } catch (err) {
    // Our own failure (the database is unreachable) is not a loss of access: the next round decides.
    logger.warn({ error: err instanceof Error ? err.message : String(err) }, "re-checking live stream access failed");
  } finally {
    w.checking = false;
  }
}

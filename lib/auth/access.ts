// The one place that decides access for every handler:
// anonymous → 401, not a member → 404 (never reveal that a project exists), member where admin is needed → 403.
// API tokens carry a scope on top (read-only → 403 on any write; one project → 403 elsewhere), and
// a signed-in browser's writes must come from Switchyard's own pages (403 otherwise).
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { projectMembers } from "@/db/schema";
import { Forbidden, NotFound, Unauthorized } from "@/lib/http/errors";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { crossSiteRefusal, isSafeMethod } from "@/lib/http/origin";
import { userForApiToken, type TokenScope } from "./api-tokens";

export type Role = "admin" | "member";
/** `token` is set when the request came with a Bearer API token, and holds that token's scope. */
export type Actor = { userId: string; email: string; name: string; token?: TokenScope };
export type ProjectActor = Actor & { projectId: string; role: Role };

/** The signed-in user (session cookie) or the owner of the Bearer API token, if any. */
export async function currentActor(req?: Request): Promise<Actor | undefined> {
  const header = req?.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    const user = await userForApiToken(header.slice(7).trim());
    if (!user) return undefined;
    if (user.access === "read_only" && req && !isSafeMethod(req.method)) {
      throw new Forbidden("This API token is read-only. Create a read-write token in Account settings to make changes.");
    }
    return { userId: user.id, email: user.email, name: user.name, token: { access: user.access, projectId: user.projectId } };
  }
  if (!req) return undefined;
  // The session cookie is a JWT (next-auth's JWT strategy); it is named __Secure-… on HTTPS.
  const secureCookie = req.headers.get("cookie")?.includes(`${SECURE_PREFIX}authjs.session-token`) ?? false;
  const token = await getToken({ req, secret: env().AUTH_SECRET, secureCookie });
  if (typeof token?.uid !== "string") return undefined;
  // The browser sends the cookie whoever made the page: refuse writes another site asked for.
  const refusal = crossSiteRefusal(req.method, req.headers, [new URL(env().APP_URL).origin, new URL(req.url).origin]);
  if (refusal) throw new Forbidden(`Refused ${refusal}: changes through a signed-in browser must come from Switchyard's own pages.`);
  return { userId: token.uid, email: token.email ?? "", name: token.name ?? "" };
}

const SECURE_PREFIX = "__Secure-";

async function authenticate(req?: Request): Promise<Actor> {
  const actor = await currentActor(req);
  if (!actor) throw new Unauthorized();
  return actor;
}

/** Any signed-in user or token holder, for routes outside a project; a project-scoped token is refused. */
export async function requireActor(req?: Request): Promise<Actor> {
  const actor = await authenticate(req);
  if (actor.token?.projectId) throw new Forbidden("This API token is limited to one project; it can only call that project's routes.");
  return actor;
}

/** A signed-in browser session, never an API token: minting tokens with a token would let a leaked one outlive its revocation. */
export async function requireSession(req?: Request): Promise<Actor> {
  const actor = await authenticate(req);
  if (actor.token) throw new Forbidden("API tokens are created from a signed-in browser (Account settings), not with another token.");
  return actor;
}

export async function projectRole(projectId: string, userId: string): Promise<Role | undefined> {
  const [row] = await db()
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row?.role;
}

export async function requireProjectRole(req: Request | undefined, projectId: string, needed: Role): Promise<ProjectActor> {
  const actor = await authenticate(req);
  const role = await projectRole(projectId, actor.userId);
  if (!role) throw new NotFound("Project not found.");
  if (actor.token?.projectId && actor.token.projectId !== projectId) throw new Forbidden("This API token is limited to another project.");
  if (needed === "admin" && role !== "admin") throw new Forbidden();
  return { ...actor, projectId, role };
}

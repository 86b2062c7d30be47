// The one place that decides access for every handler:
// anonymous → 401, not a member → 404 (never reveal that a project exists), member where admin is needed → 403.
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { projectMembers } from "@/db/schema";
import { Forbidden, NotFound, Unauthorized } from "@/lib/http/errors";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { crossSiteRefusal } from "@/lib/http/origin";
import { userForApiToken } from "./api-tokens";

export type Role = "admin" | "member";
export type Actor = { userId: string; email: string; name: string };
export type ProjectActor = Actor & { projectId: string; role: Role };

/** The signed-in user (session cookie) or the owner of the Bearer API token, if any. */
export async function currentActor(req?: Request): Promise<Actor | undefined> {
  const header = req?.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    const user = await userForApiToken(header.slice(7).trim());
    return user && { userId: user.id, email: user.email, name: user.name };
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

export async function requireActor(req?: Request): Promise<Actor> {
  const actor = await currentActor(req);
  if (!actor) throw new Unauthorized();
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
  const actor = await requireActor(req);
  const role = await projectRole(projectId, actor.userId);
  if (!role) throw new NotFound("Project not found.");
  if (needed === "admin" && role !== "admin") throw new Forbidden();
  return { ...actor, projectId, role };
}

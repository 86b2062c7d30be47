// Test set-up through the same functions the product uses.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { db } from "@/db/client";
import { projectMembers } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { createProject } from "@/lib/domain/projects";

export async function makeUser(label = "user") {
  const email = `${label}-${randomBytes(4).toString("hex")}@example.test`;
  const user = await createUser({ email, password: "correct horse battery staple", name: label });
  const { token } = await createApiToken(user.id, { name: "tests" });
  return { ...user, token };
}

/** A project with an admin and a member, plus an outsider who belongs to another project. */
export async function makeProject(name = "Test project") {
  const admin = await makeUser("admin");
  const member = await makeUser("member");
  const outsider = await makeUser("outsider");
  const project = await createProject(admin.id, name);
  await db().insert(projectMembers).values({ projectId: project.id, userId: member.id, role: "member" });
  await createProject(outsider.id, "Someone else's project");
  return { project, admin, member, outsider };
}

/** A session cookie exactly as next-auth would set it after sign-in. */
export async function sessionCookie(user: { id: string; email: string; name: string }) {
  const value = await encode({
    token: { uid: user.id, email: user.email, name: user.name, sub: user.id },
    secret: process.env.AUTH_SECRET!,
    salt: "authjs.session-token",
  });
  return `authjs.session-token=${value}`;
}

type RouteHandler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler the way Next.js does, with an optional API token. */
export async function call<P>(
  handler: RouteHandler<P>,
  opts: { method?: string; path?: string; params?: P; token?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new NextRequest(new URL(opts.path ?? "/", "http://localhost:3000"), { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

// Issue 13 item 7: invitations for emails without an account (create, list, expire, revoke, accept
// once) and the members list's keyset pages, through the route handlers.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog, invitations, projectMembers } from "@/db/schema";
import { findUserByEmail } from "@/lib/auth/users";
import { verifyPassword } from "@/lib/auth/password";
import { acceptInvitation, acceptInvitationAs, invitationState } from "@/lib/domain/invitations";
import { createUser } from "@/lib/auth/users";
import * as invitationsRoute from "@/app/api/v1/projects/[projectId]/invitations/route";
import * as invitationRoute from "@/app/api/v1/projects/[projectId]/invitations/[invitationId]/route";
import * as membersRoute from "@/app/api/v1/projects/[projectId]/members/route";
import * as memberRoute from "@/app/api/v1/projects/[projectId]/members/[userId]/route";
import { call, makeProject, makeUser } from "../helpers/factories";

const email = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`;
const tokenOf = (link: string) => decodeURIComponent(new URL(link).pathname.split("/").at(-1)!);

async function invite(f: Awaited<ReturnType<typeof makeProject>>, body: { email: string; role: string }) {
  return call(invitationsRoute.POST, { method: "POST", params: { projectId: f.project.id }, token: f.admin.token, body });
}

async function actions(projectId: string) {
  const rows = await db().select({ action: auditLog.action, actorId: auditLog.actorId, targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.projectId, projectId)).orderBy(auditLog.id);
  return rows;
}

describe("invitations", () => {
  it("an unknown email gets a pending invitation with a link shown once; the invitee joins with the chosen role", async () => {
    const f = await makeProject();
    const to = email("newcomer");
    const res = await invite(f, { email: to.toUpperCase(), role: "admin" });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.outcome).toBe("invited");
    expect(res.json.invitation).toMatchObject({ email: to, role: "admin", status: "pending", invited_by: { user_id: f.admin.id } });
    const days = (Date.parse(res.json.invitation.expires_at) - Date.parse(res.json.invitation.created_at)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const token = tokenOf(res.json.link);

    // Only the hash is stored, and the list never shows the link again.
    const [row] = await db().select().from(invitations).where(eq(invitations.id, res.json.invitation.id));
    expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);
    const list = await call(invitationsRoute.GET, { params: { projectId: f.project.id }, token: f.admin.token });
    expect(list.json.items.map((i: { id: string }) => i.id)).toEqual([res.json.invitation.id]);
    expect(list.text).not.toContain(token.split(".")[1]);

    expect(await invitationState(token)).toMatchObject({ state: "open", email: to, role: "admin", accountExists: false });
    const joined = await acceptInvitation(token, { name: "New Comer", password: "a long password" });
    expect(joined.projectId).toBe(f.project.id);
    const user = await findUserByEmail(to);
    expect(user?.name).toBe("New Comer");
    expect(await verifyPassword(user!.passwordHash, "a long password")).toBe(true);
    const [membership] = await db().select().from(projectMembers).where(eq(projectMembers.userId, user!.id));
    expect(membership).toMatchObject({ projectId: f.project.id, role: "admin" });

    // Used once: the link is refused afterwards, and the invitation leaves the pending list.
    expect((await invitationState(token)).state).toBe("accepted");
    await expect(acceptInvitation(token, { name: "Again", password: "a long password" })).rejects.toMatchObject({ status: 404, message: /already been used/ });
    expect((await call(invitationsRoute.GET, { params: { projectId: f.project.id }, token: f.admin.token })).json.items).toEqual([]);
    expect((await actions(f.project.id)).map((a) => a.action)).toEqual(["invitation.created", "invitation.accepted"]);
    expect((await actions(f.project.id))[1].actorId).toBe(user!.id);
  });

  it("an email that has an account is added at once", async () => {
    const f = await makeProject();
    const someone = await makeUser("someone");
    const res = await invite(f, { email: someone.email, role: "member" });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ outcome: "added", member: { user_id: someone.id, role: "member" } });
    expect((await invite(f, { email: someone.email, role: "member" })).status).toBe(409);
    expect((await actions(f.project.id)).map((a) => a.action)).toEqual(["member.added"]);
  });

  it("an email that got an account after the invitation joins with it, signed in as its owner only", async () => {
    const f = await makeProject();
    const to = email("later");
    const res = await invite(f, { email: to, role: "admin" });
    const token = tokenOf(res.json.link);
    const owner = await createUser({ email: to, password: "another long password", name: "Later" });
    expect(await invitationState(token)).toMatchObject({ state: "open", accountExists: true });
    await expect(acceptInvitation(token, { name: "Twin", password: "a long password" })).rejects.toMatchObject({ status: 409 });
    const asSomeoneElse = { userId: f.outsider.id, email: f.outsider.email, name: f.outsider.name };
    await expect(acceptInvitationAs(token, asSomeoneElse)).rejects.toMatchObject({ status: 403 });
    expect(await acceptInvitationAs(token, { userId: owner.id, email: owner.email, name: owner.name })).toEqual({ projectId: f.project.id, email: to });
    const [membership] = await db().select().from(projectMembers).where(eq(projectMembers.userId, owner.id));
    expect(membership).toMatchObject({ projectId: f.project.id, role: "admin" });
    expect((await invitationState(token)).state).toBe("accepted");
  });

  it("an expired invitation is listed as expired and its link refused", async () => {
    const f = await makeProject();
    const res = await invite(f, { email: email("late"), role: "member" });
    await db().update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, res.json.invitation.id));
    const list = await call(invitationsRoute.GET, { params: { projectId: f.project.id }, token: f.admin.token });
    expect(list.json.items[0].status).toBe("expired");
    const token = tokenOf(res.json.link);
    expect((await invitationState(token)).state).toBe("expired");
    await expect(acceptInvitation(token, { name: "Late", password: "a long password" })).rejects.toMatchObject({ status: 404, message: /expired/ });
  });

  it("a revoked invitation's link is refused; revoking twice, or from another project, is 404", async () => {
    const f = await makeProject();
    const other = await makeProject();
    const res = await invite(f, { email: email("revoked"), role: "member" });
    const id = res.json.invitation.id;
    const fromOther = await call(invitationRoute.DELETE, { method: "DELETE", params: { projectId: other.project.id, invitationId: id }, token: other.admin.token });
    expect(fromOther.status).toBe(404);
    const revoked = await call(invitationRoute.DELETE, { method: "DELETE", params: { projectId: f.project.id, invitationId: id }, token: f.admin.token });
    expect(revoked.status, revoked.text).toBe(204);
    expect((await call(invitationRoute.DELETE, { method: "DELETE", params: { projectId: f.project.id, invitationId: id }, token: f.admin.token })).status).toBe(404);
    const token = tokenOf(res.json.link);
    expect((await invitationState(token)).state).toBe("revoked");
    await expect(acceptInvitation(token, { name: "No", password: "a long password" })).rejects.toMatchObject({ status: 404, message: /withdrawn/ });
    expect((await actions(f.project.id)).map((a) => a.action)).toEqual(["invitation.created", "invitation.revoked"]);
  });

  it("inviting the same email again replaces the open invitation: only the newest link works", async () => {
    const f = await makeProject();
    const to = email("twice");
    const first = await invite(f, { email: to, role: "member" });
    const second = await invite(f, { email: to, role: "admin" });
    expect((await invitationState(tokenOf(first.json.link))).state).toBe("revoked");
    expect(await invitationState(tokenOf(second.json.link))).toMatchObject({ state: "open", role: "admin" });
  });

  it("a wrong, truncated or forged token is invalid", async () => {
    const f = await makeProject();
    const res = await invite(f, { email: email("forged"), role: "member" });
    const token = tokenOf(res.json.link);
    const [id, secret] = token.split(".");
    for (const bad of [`${id}.${secret.slice(0, -1)}`, `${id}.${"A".repeat(secret.length)}`, id, "garbage", `${id}\u0000.x`, "x".repeat(10_000)]) {
      expect((await invitationState(bad)).state, bad.slice(0, 40)).toBe("invalid");
    }
  });

  it("members cannot list, create or revoke invitations (403); outsiders get 404", async () => {
    const f = await makeProject();
    const res = await invite(f, { email: email("guarded"), role: "member" });
    const p = { projectId: f.project.id };
    expect((await call(invitationsRoute.GET, { params: p, token: f.member.token })).status).toBe(403);
    expect((await call(invitationsRoute.POST, { method: "POST", params: p, token: f.member.token, body: { email: email("x"), role: "admin" } })).status).toBe(403);
    expect((await call(invitationRoute.DELETE, { method: "DELETE", params: { ...p, invitationId: res.json.invitation.id }, token: f.member.token })).status).toBe(403);
    expect((await call(invitationsRoute.GET, { params: p, token: f.outsider.token })).status).toBe(404);
  });
});

describe("members", () => {
  it("lists members in keyset pages by name; a malformed cursor is 400 and a limit over 100 is refused", async () => {
    const f = await makeProject();
    for (const n of ["ann", "bob", "cy"]) {
      const u = await makeUser(n);
      await db().insert(projectMembers).values({ projectId: f.project.id, userId: u.id, role: "member" });
    }
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res: { status: number; text: string; json: any } = await call(membersRoute.GET, { path: `/?limit=2${cursor ? `&cursor=${cursor}` : ""}`, params: { projectId: f.project.id }, token: f.member.token });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.items.map((m: { name: string }) => m.name));
      cursor = res.json.next_cursor;
    }
    expect(seen).toEqual(["admin", "ann", "bob", "cy", "member"]);
    for (const bad of ["nope", Buffer.from('["a"]').toString("base64url"), Buffer.from('["\\u0000","x"]').toString("base64url"), Buffer.from('["\\ud800","x"]').toString("base64url")]) {
      const res = await call(membersRoute.GET, { path: `/?cursor=${bad}`, params: { projectId: f.project.id }, token: f.member.token });
      expect(res.status, bad).toBe(400);
      expect(res.json.errors[0].path).toBe("cursor");
    }
    expect((await call(membersRoute.GET, { path: "/?limit=101", params: { projectId: f.project.id }, token: f.member.token })).status).toBe(422);
  });

  it("says which changes the last-admin rule refuses, and audits role changes", async () => {
    const f = await makeProject();
    const list = await call(membersRoute.GET, { params: { projectId: f.project.id }, token: f.admin.token });
    const admin = list.json.items.find((m: { user_id: string }) => m.user_id === f.admin.id);
    expect(admin.refused.roles.member).toMatch(/last admin/);
    expect(admin.refused.remove).toMatch(/last admin/);
    const promoted = await call(memberRoute.PATCH, { method: "PATCH", params: { projectId: f.project.id, userId: f.member.id }, token: f.admin.token, body: { role: "admin" } });
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.json.member.refused).toEqual({ roles: {}, remove: null });
    const after = await call(membersRoute.GET, { params: { projectId: f.project.id }, token: f.admin.token });
    expect(after.json.items.every((m: { refused: { remove: string | null } }) => m.refused.remove === null)).toBe(true);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.projectId, f.project.id));
    expect(audit).toMatchObject({ action: "member.role_changed", actorId: f.admin.id, targetId: f.member.id, details: { from: "member", to: "admin" } });
  });
});

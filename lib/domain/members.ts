// Project membership: admins add people by email with a role, change roles and remove people,
// never leaving a project without an admin. Every change is audited.
import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor, type Tx } from "@/db/client";
import { projectMembers, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import type { Actor } from "@/lib/auth/access";
import { findUserByEmail } from "@/lib/auth/users";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { decodeCursor, pageQuery, toPage } from "@/lib/http/keyset";
import { iso } from "./iso";
import { lastAdminViolation, refusedChanges, ROLES } from "./last-admin";
import type { Role } from "./projects";

const role = z.enum(ROLES as [Role, ...Role[]], "Choose admin or member.");
export const memberEmail = z.email("Enter an email address.").max(254, "An email address is at most 254 characters.").trim().toLowerCase();
export const addMemberInput = z.object({ email: memberEmail, role });
export const changeRoleInput = z.object({ role });
export const listMembersQuery = pageQuery;

type MemberRow = { userId: string; email: string; name: string; role: Role; createdAt: Date };

/** `refused`: the changes the last-admin rule forbids for this member, with the reason to show. */
export function presentMember(m: MemberRow, adminCount: number) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, added_at: iso(m.createdAt), refused: refusedChanges(m.role, adminCount) };
}
export type MemberJson = ReturnType<typeof presentMember>;

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: projectMembers.role,
  createdAt: projectMembers.createdAt,
};

async function adminCount(projectId: string, ex: Executor = db()): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "admin")));
  return row.n;
}

/** One keyset page of the members, by name then email (emails are unique, so the order is total). */
export async function listMembers(projectId: string, q: z.infer<typeof listMembersQuery>) {
  const where = [eq(projectMembers.projectId, projectId)];
  if (q.cursor) {
    const [name, email] = decodeCursor(q.cursor, ["string", "string"]);
    where.push(sql`(${users.name}, ${users.email}) > (${name}, ${email})`);
  }
  const [rows, admins] = await Promise.all([
    db()
      .select(memberColumns)
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(and(...where))
      .orderBy(asc(users.name), asc(users.email))
      .limit(q.limit + 1),
    adminCount(projectId),
  ]);
  return toPage(rows, q.limit, (m) => [m.name, m.email], (m) => presentMember(m, admins));
}

/** Adds someone who has an account; `addOrInvite` (invitations.ts) invites the others. */
export async function addMember(actor: Actor, projectId: string, input: z.infer<typeof addMemberInput>): Promise<MemberJson> {
  return db().transaction(async (tx) => {
    const user = await findUserByEmail(input.email, tx);
    if (!user) {
      throw new Invalid(`There is no Switchyard account for ${input.email}. Invite them instead: they get a link to set a password.`, [
        { path: "email", message: "No account with this email: invite them instead." },
      ]);
    }
    return addExistingUser(tx, actor, projectId, user, input.role);
  });
}

/** Adds a user who has an account, with its audit row, in the caller's transaction. */
export async function addExistingUser(tx: Tx, actor: Actor, projectId: string, user: UserRef, memberRole: Role): Promise<MemberJson> {
  const member = await insertMember(tx, projectId, user, memberRole);
  await writeAudit(tx, { projectId, actorId: actor.userId, action: "member.added", targetId: user.id, details: { role: memberRole } });
  return member;
}

type UserRef = { id: string; email: string; name: string };

/** Inserts the membership in the caller's transaction; 409 when the user is a member already. */
export async function insertMember(tx: Tx, projectId: string, user: UserRef, memberRole: Role): Promise<MemberJson> {
  const inserted = await tx.insert(projectMembers).values({ projectId, userId: user.id, role: memberRole }).onConflictDoNothing().returning();
  if (!inserted.length) throw new Conflict(`${user.email} is already a member of this project.`);
  const row = { userId: user.id, email: user.email, name: user.name, role: memberRole, createdAt: inserted[0].createdAt };
  return presentMember(row, await adminCount(projectId, tx));
}

export async function changeMemberRole(actor: Actor, projectId: string, userId: string, newRole: Role): Promise<MemberJson> {
  return db().transaction(async (tx) => {
    const from = await guardLastAdmin(tx, projectId, { userId, role: newRole });
    await tx
      .update(projectMembers)
      .set({ role: newRole })
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    if (from !== newRole) {
      await writeAudit(tx, { projectId, actorId: actor.userId, action: "member.role_changed", targetId: userId, details: { from, to: newRole } });
    }
    const [row] = await tx
      .select(memberColumns)
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    return presentMember(row, await adminCount(projectId, tx));
  });
}

export async function removeMember(actor: Actor, projectId: string, userId: string): Promise<void> {
  await db().transaction(async (tx) => {
    const from = await guardLastAdmin(tx, projectId, { userId, role: null });
    await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    await writeAudit(tx, { projectId, actorId: actor.userId, action: userId === actor.userId ? "member.left" : "member.removed", targetId: userId, details: { role: from } });
  });
}

/**
 * Locks the project's memberships so two admins demoting each other at once cannot both succeed.
 * Returns the member's current role.
 */
async function guardLastAdmin(tx: Tx, projectId: string, change: { userId: string; role: Role | null }): Promise<Role> {
  const members = await tx
    .select({ userId: projectMembers.userId, role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.projectId, projectId))
    .for("update");
  const target = members.find((m) => m.userId === change.userId);
  if (!target) throw new NotFound("That person is not a member of this project.");
  const violation = lastAdminViolation(members, change);
  if (violation) throw new Conflict(violation);
  return target.role;
}

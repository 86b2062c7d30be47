// Project membership: admins add people by email with a role, change roles and remove people,
// never leaving a project without an admin.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { projectMembers, users } from "@/db/schema";
import { findUserByEmail } from "@/lib/auth/users";
import { Conflict, Invalid, NotFound } from "@/lib/http/errors";
import { iso } from "./iso";
import { lastAdminViolation } from "./last-admin";
import type { Role } from "./projects";

const role = z.enum(["admin", "member"], "Choose admin or member.");
export const addMemberInput = z.object({ email: z.email("Enter an email address.").trim().toLowerCase(), role });
export const changeRoleInput = z.object({ role });

type MemberRow = { userId: string; email: string; name: string; role: Role; createdAt: Date };

export function presentMember(m: MemberRow) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, added_at: iso(m.createdAt) };
}

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: projectMembers.role,
  createdAt: projectMembers.createdAt,
};

export async function listMembers(projectId: string): Promise<MemberRow[]> {
  return db()
    .select(memberColumns)
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.name), asc(users.email));
}

export async function addMember(projectId: string, input: z.infer<typeof addMemberInput>): Promise<MemberRow> {
  const user = await findUserByEmail(input.email);
  if (!user) {
    throw new Invalid(`There is no Switchyard account for ${input.email}. Ask them to sign up (or create one with npm run cli -- user create) first.`, [
      { path: "email", message: "No account with this email." },
    ]);
  }
  const inserted = await db()
    .insert(projectMembers)
    .values({ projectId, userId: user.id, role: input.role })
    .onConflictDoNothing()
    .returning();
  if (!inserted.length) throw new Conflict(`${user.email} is already a member of this project.`);
  return { userId: user.id, email: user.email, name: user.name, role: input.role, createdAt: inserted[0].createdAt };
}

export async function changeMemberRole(projectId: string, userId: string, newRole: Role): Promise<MemberRow> {
  return db().transaction(async (tx) => {
    await guardLastAdmin(tx, projectId, { userId, role: newRole });
    await tx
      .update(projectMembers)
      .set({ role: newRole })
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    const [row] = await tx
      .select(memberColumns)
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    return row;
  });
}

export async function removeMember(projectId: string, userId: string): Promise<void> {
  await db().transaction(async (tx) => {
    await guardLastAdmin(tx, projectId, { userId, role: null });
    await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  });
}

/** Locks the project's memberships so two admins demoting each other at once cannot both succeed. */
async function guardLastAdmin(tx: Tx, projectId: string, change: { userId: string; role: Role | null }): Promise<void> {
  const members = await tx
    .select({ userId: projectMembers.userId, role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.projectId, projectId))
    .for("update");
  if (!members.some((m) => m.userId === change.userId)) throw new NotFound("That person is not a member of this project.");
  const violation = lastAdminViolation(members, change);
  if (violation) throw new Conflict(violation);
}


// The rule that keeps every project manageable: it always has at least one admin.
import { projectRole } from "@/db/schema";
import type { Role } from "./projects";

export type MembershipChange = { userId: string; role: Role | null }; // null: removed

export const ROLES: readonly Role[] = projectRole.enumValues;

/** Why changing a member whose role is `from` to `to` (null: removing them) would leave no admin. */
function violation(from: Role, adminCount: number, to: Role | null): string | undefined {
  if (from !== "admin" || to === "admin" || adminCount > 1) return undefined;
  return to === null
    ? "You can't remove the project's last admin. Make someone else an admin first."
    : "You can't demote the project's last admin. Make someone else an admin first.";
}

/** Why the change would leave the project without an admin, or undefined when it is fine. */
export function lastAdminViolation(members: Array<{ userId: string; role: Role }>, change: MembershipChange): string | undefined {
  const target = members.find((m) => m.userId === change.userId);
  if (!target) return undefined;
  return violation(target.role, members.filter((m) => m.role === "admin").length, change.role);
}

export type RefusedChanges = { roles: Partial<Record<Role, string>>; remove: string | null };

/** The changes the rule refuses for one member, each with its reason: what the Members page disables. */
export function refusedChanges(role: Role, adminCount: number): RefusedChanges {
  const roles: Partial<Record<Role, string>> = {};
  for (const to of ROLES) {
    const reason = violation(role, adminCount, to);
    if (reason) roles[to] = reason;
  }
  return { roles, remove: violation(role, adminCount, null) ?? null };
}

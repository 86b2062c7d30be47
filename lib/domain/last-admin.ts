// The rule that keeps every project manageable: it always has at least one admin.
import type { Role } from "./projects";

export type MembershipChange = { userId: string; role: Role | null }; // null: removed

/** Why the change would leave the project without an admin, or undefined when it is fine. */
export function lastAdminViolation(members: Array<{ userId: string; role: Role }>, change: MembershipChange): string | undefined {
  const target = members.find((m) => m.userId === change.userId);
  if (!target || target.role !== "admin" || change.role === "admin") return undefined;
  const admins = members.filter((m) => m.role === "admin").length;
  if (admins > 1) return undefined;
  return change.role === null
    ? "You can't remove the project's last admin. Make someone else an admin first."
    : "You can't demote the project's last admin. Make someone else an admin first.";
}

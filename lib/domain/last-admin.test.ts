import { describe, expect, it } from "vitest";
import { lastAdminViolation, refusedChanges } from "./last-admin";

const admin = (userId: string) => ({ userId, role: "admin" as const });
const member = (userId: string) => ({ userId, role: "member" as const });

describe("lastAdminViolation", () => {
  it.each([
    { name: "removing the only admin", members: [admin("a"), member("m")], change: { userId: "a", role: null }, blocked: /remove the project's last admin/ },
    { name: "demoting the only admin", members: [admin("a"), member("m")], change: { userId: "a", role: "member" }, blocked: /demote the project's last admin/ },
    { name: "removing one of two admins", members: [admin("a"), admin("b")], change: { userId: "a", role: null }, blocked: undefined },
    { name: "demoting one of two admins", members: [admin("a"), admin("b")], change: { userId: "b", role: "member" }, blocked: undefined },
    { name: "removing a member", members: [admin("a"), member("m")], change: { userId: "m", role: null }, blocked: undefined },
    { name: "promoting a member", members: [admin("a"), member("m")], change: { userId: "m", role: "admin" }, blocked: undefined },
    { name: "keeping the only admin an admin", members: [admin("a")], change: { userId: "a", role: "admin" }, blocked: undefined },
    { name: "changing someone who is not a member", members: [admin("a")], change: { userId: "x", role: null }, blocked: undefined },
  ] as const)("$name", ({ members, change, blocked }) => {
    const result = lastAdminViolation([...members], change);
    if (blocked) expect(result).toMatch(blocked);
    else expect(result).toBeUndefined();
  });
});

describe("refusedChanges", () => {
  it.each([
    { name: "the only admin", role: "admin", admins: 1, roles: ["member"], remove: true },
    { name: "one of two admins", role: "admin", admins: 2, roles: [], remove: false },
    { name: "a member beside the only admin", role: "member", admins: 1, roles: [], remove: false },
  ] as const)("$name", ({ role, admins, roles, remove }) => {
    const refused = refusedChanges(role, admins);
    expect(Object.keys(refused.roles)).toEqual(roles);
    for (const r of roles) expect(refused.roles[r]).toMatch(/demote the project's last admin/);
    if (remove) expect(refused.remove).toMatch(/remove the project's last admin/);
    else expect(refused.remove).toBeNull();
  });
});

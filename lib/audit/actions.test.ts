import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { webhookHealth } from "@/db/schema";
import { actionsForFilter, AUDIT_ACTIONS, AUDIT_GROUPS, describeAudit } from "./actions";

describe("describeAudit", () => {
  it.each([
    { action: "outbound_webhook.secret_rotated", details: {}, says: "rotated the signing secret of “Slack alerts”" },
    { action: "outbound_webhook.updated", details: { fields: ["name", "url"] }, says: "edited the webhook “Slack alerts” (name, url)" },
    { action: "outbound_webhook.subscribed", details: { event: "issue.created" }, says: "subscribed “Slack alerts” to issue.created" },
    { action: "outbound_webhook.disabled", details: { reason: "10 failures in a row" }, says: "disabled the webhook “Slack alerts” (10 failures in a row)" },
    { action: "delivery.bulk_replayed", details: { replayed: 1 }, says: "replayed 1 delivery at once" },
    { action: "delivery.bulk_replayed", details: { replayed: 12 }, says: "replayed 12 deliveries at once" },
    { action: "member.role_changed", details: { from: "member", to: "admin" }, says: "made “Slack alerts” an admin" },
    { action: "issue_integration.set", details: { provider: "azure_devops" }, says: "connected the issue tracker (Azure DevOps)" },
    { action: "outbound_webhook.recovered", details: {}, says: "recovered outbound webhook “Slack alerts”" },
    { action: "oddity", details: {}, says: "changed oddity “Slack alerts”" },
  ])("$action → $says", ({ action, details, says }) => {
    expect(describeAudit(action, { target: "“Slack alerts”", details })).toBe(says);
  });

  it("never throws on details of the wrong shape", () => {
    for (const action of Object.keys(AUDIT_ACTIONS)) {
      expect(typeof describeAudit(action, { target: "x", details: { fields: "nope", reason: 3, role: {}, replayed: null } })).toBe("string");
    }
  });
});

describe("filters", () => {
  it("a group stands for its codes; any other value for itself", () => {
    expect(actionsForFilter("secrets").sort()).toEqual(["outbound_webhook.secret_extended", "outbound_webhook.secret_retired", "outbound_webhook.secret_rotated"]);
    expect(actionsForFilter("member.added")).toEqual(["member.added"]);
    for (const group of Object.keys(AUDIT_GROUPS)) expect(actionsForFilter(group).length).toBeGreaterThan(0);
  });
});

// The product's audit writes, found in its source: each code must have its sentence above.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

describe("coverage", () => {
  it("every action code the product writes has a sentence", () => {
    const subjects = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0]))].join("|");
    const literal = new RegExp(`["'](?:${subjects})\\.[a-z_]+["']`, "g");
    const root = path.resolve(import.meta.dirname, "..");
    const written = new Set<string>();
    for (const file of sources(root)) {
      const source = readFileSync(file, "utf8");
      if (!/writeAudit|audit_log|auditLog|audit\(tx/.test(source)) continue;
      for (const m of source.matchAll(literal)) written.add(m[0].slice(1, -1));
    }
    // The engine writes `outbound_webhook.${health}` for each health transition.
    for (const health of webhookHealth.enumValues) written.add(`outbound_webhook.${health}`);
    expect(written.size).toBeGreaterThan(10);
    expect([...written].filter((a) => !AUDIT_ACTIONS[a])).toEqual([]);
  });
});

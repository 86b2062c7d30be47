import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jira, JIRA_SENTINEL_KEY } from "./jira";

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve("tests/fixtures/trackers/jira", name), "utf8"));
const none = new Headers();

describe("jira adapter", () => {
  it.each([
    ["issue_created.json", "jira:issue_created", { action: "upsert", state: "open", labels: [], assignee: null }],
    ["issue_updated.in-progress.json", "jira:issue_updated", { action: "upsert", state: "in_progress", labels: ["safari", "login"], assignee: "Robin Dev" }],
    ["issue_updated.done.json", "jira:issue_updated", { action: "upsert", state: "closed" }],
    ["issue_deleted.json", "jira:issue_deleted", { action: "delete" }],
  ])("parses %s", (file, eventName, expected) => {
    const result = jira.parse(fixture(file), none);
    expect(result).toMatchObject({
      kind: "issue",
      eventName,
      event: { key: "QA-17", title: "Login button does nothing on Safari", url: "https://acme-test.atlassian.net/browse/QA-17", sentinel: false, ...expected },
    });
  });

  it("reads Jira's +0100 offsets as the updated time", () => {
    const result = jira.parse(fixture("issue_updated.in-progress.json"), none);
    expect(result.kind === "issue" && result.event.updatedAt?.toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("ignores events that are not about issues", () => {
    expect(jira.parse(fixture("comment_created.json"), none)).toMatchObject({ kind: "ignored", eventName: "comment_created" });
  });

  it.each([
    ["no issue", { webhookEvent: "jira:issue_created" }],
    ["a summary that is not text", { ...fixture("issue_created.json"), issue: { ...fixture("issue_created.json").issue, fields: { summary: 5 } } }],
    ["an empty key", { ...fixture("issue_created.json"), issue: { ...fixture("issue_created.json").issue, key: "" } }],
  ])("reports %s as malformed", (_n, body) => {
    expect(jira.parse(body, none).kind).toBe("malformed");
  });

  it("marks the sentinel key as a Send Test", () => {
    const body = fixture("issue_created.json");
    body.issue.key = JIRA_SENTINEL_KEY;
    expect(jira.parse(body, none)).toMatchObject({ kind: "issue", event: { sentinel: true } });
  });

  it("reads the delivery id from X-Atlassian-Webhook-Identifier", () => {
    expect(jira.deliveryId({}, new Headers({ "x-atlassian-webhook-identifier": "42-1" }))).toEqual({ ok: true, value: "42-1" });
  });
});

describe("jira adapter on hostile values", () => {
  const created = () => fixture("issue_created.json");

  it("cleans and cuts the summary, labels and assignee", () => {
    const b = created();
    b.issue.fields.summary = `Sum\u0000mary\ud800${"s".repeat(5 * 1024 * 1024)}`;
    b.issue.fields.labels = ["a\u0000b", "\udc00", "x".repeat(1000)];
    b.issue.fields.assignee = { displayName: "Ro\u0000bin" };
    const result = jira.parse(b, none);
    expect(result).toMatchObject({ kind: "issue", event: { assignee: "Robin" } });
    if (result.kind !== "issue") return;
    expect(result.event.title).toHaveLength(500);
    expect(result.event.title.startsWith("Summary")).toBe(true);
    expect(result.event.labels).toEqual(["ab", "", "x".repeat(100)]);
  });

  it.each<[string, (b: Record<string, any>) => void]>([
    ["a key with NUL", (b) => void (b.issue.key = "QA-1\u0000")],
    ["a key that is not PROJ-n", (b) => void (b.issue.key = "QA17")],
    ["a 10,000-character key", (b) => void (b.issue.key = `${"Q".repeat(10_000)}-1`)],
    ["a self URL that is not http(s)", (b) => void (b.issue.self = "javascript:alert(1)//rest/api/2/issue/1")],
    ["a self URL that does not parse", (b) => void (b.issue.self = "https://exa mple.com/rest/api/2/issue/1")],
    ["year 0000", (b) => void (b.issue.fields.updated = "0000-01-01T00:00:00.000+0000")],
    ["a timestamp beyond any date", (b) => void (b.timestamp = 1e20)],
  ])("reports %s as malformed", (_n, mutate) => {
    const b = created();
    mutate(b);
    expect(jira.parse(b, none).kind).toBe("malformed");
  });

  it("cuts and cleans an unknown event name before recording it", () => {
    const result = jira.parse({ webhookEvent: `jira:\u0000${"w".repeat(10_000)}` }, none);
    expect(result.kind).toBe("ignored");
    expect(result.eventName.length).toBeLessThanOrEqual(100);
    expect(result.eventName).not.toContain("\u0000");
  });

  it("refuses a delivery id longer than 200 characters", () => {
    expect(jira.deliveryId({}, new Headers({ "x-atlassian-webhook-identifier": "1".repeat(201) })).ok).toBe(false);
  });
});

describe("jira scope", () => {
  const event = (mutate: (b: Record<string, any>) => void) => {
    const b = fixture("issue_created.json");
    mutate(b);
    const result = jira.parse(b, none);
    if (result.kind !== "issue") throw new Error("expected an issue");
    return result.event;
  };

  it.each<[string, (b: Record<string, any>) => void, string | null]>([
    ["the integration's project", () => {}, null],
    ["another project's key", (b) => void ((b.issue.key = "OPS-3"), delete b.issue.fields.project), "another Jira project (OPS)"],
    ["another project named in fields.project", (b) => void (b.issue.fields.project = { key: "OPS" }), "another Jira project (OPS)"],
  ])("%s", (_n, mutate, reason) => {
    expect(jira.outOfScope(event(mutate), { site_url: "https://acme-test.atlassian.net", project_key: "QA" })).toBe(reason);
  });
});

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

import { describe, expect, it } from "vitest";
import { changedJql, jiraDeployment, keysJql, nextStartAt } from "./jira";

describe("jiraDeployment", () => {
  it.each([
    [{ token: "ATATT3x", email: "bot@example.test" }, "cloud"],
    [{ token: "NjM0ODk3MjE0OTkz" }, "data_center"],
  ] as const)("%o → %s", (credential, deployment) => {
    expect(jiraDeployment(credential)).toBe(deployment);
  });
});

describe("nextStartAt (Data Center's offset paging)", () => {
  it.each([
    { name: "first page of three", startAt: 0, received: 10, total: 25, next: 10 },
    { name: "middle page", startAt: 10, received: 10, total: 25, next: 20 },
    { name: "last page", startAt: 20, received: 5, total: 25, next: null },
    { name: "exactly full", startAt: 0, received: 10, total: 10, next: null },
    { name: "server capped maxResults below the page size", startAt: 0, received: 3, total: 25, next: 3 },
    { name: "empty page although total says more", startAt: 10, received: 0, total: 25, next: null },
    { name: "no total in the reply", startAt: 0, received: 10, total: undefined, next: null },
    { name: "total not a number", startAt: 0, received: 10, total: "25", next: null },
  ])("$name → $next", ({ startAt, received, total, next }) => {
    expect(nextStartAt(startAt, received, total)).toBe(next);
  });
});

describe("JQL", () => {
  const now = new Date("2026-05-15T12:00:00Z");
  it.each([
    { since: null, jql: 'project = "QA" ORDER BY updated ASC' },
    { since: new Date("2026-05-15T11:00:00Z"), jql: 'project = "QA" AND updated >= "-61m" ORDER BY updated ASC' },
    { since: new Date("2026-05-15T11:59:59.500Z"), jql: 'project = "QA" AND updated >= "-2m" ORDER BY updated ASC' },
  ])("changed since $since", ({ since, jql }) => {
    expect(changedJql("QA", since, now)).toBe(jql);
  });

  it("names the keys, quoted, without quotes of their own", () => {
    expect(keysJql(["QA-1", 'QA-2"'])).toBe('key in ("QA-1", "QA-2")');
  });
});

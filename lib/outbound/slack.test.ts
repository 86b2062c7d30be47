import { describe, expect, it } from "vitest";
import type { EventEnvelope } from "@/lib/events/catalog";
import { classifySlackResponse, isSlackUrl, redactSlackUrl, slackMessage, slackSummary } from "./slack";

const url = "https://hooks.slack.com/services/T0001ABCD/B0002EFGH/abcdefghijklmnopqrstuvwx";
const envelope = (type: string, data: Record<string, unknown>): EventEnvelope => ({
  id: "evt_1",
  type,
  created_at: "2026-05-15T10:20:30.000Z",
  project: { id: "prj_1", name: "Demo" },
  data,
});
const run = { id: "run_1", name: "Nightly <main>", state: "completed", url: "/projects/prj_1/test-runs/run_1" };

describe("Slack URLs", () => {
  it("recognises incoming-webhook URLs", () => {
    expect(isSlackUrl(url)).toBe(true);
    expect(isSlackUrl("https://hooks.slack.com.evil.test/services/x")).toBe(false);
    expect(isSlackUrl("https://example.com/services/")).toBe(false);
  });

  it("redacts everything but the first letters of the team and hook ids", () => {
    expect(redactSlackUrl(url)).toBe("https://hooks.slack.com/services/T…/B…/••••");
    expect(redactSlackUrl(url)).not.toContain("abcdef");
  });
});

describe("classifySlackResponse", () => {
  it.each([
    [200, "ok", null],
    [404, "no_service", { error: "no_service", permanent: true }],
    [403, "invalid_token", { error: "invalid_token", permanent: true }],
    [404, "channel_not_found", { error: "channel_not_found", permanent: true }],
    [410, "channel_is_archived", { error: "channel_is_archived", permanent: true }],
    [500, "rollup_error", { error: "rollup_error", permanent: false }],
    [503, "", { error: "http_503", permanent: false }],
  ])("%i %s", (status, body, expected) => {
    expect(classifySlackResponse(status, body)).toEqual(expected);
  });
});

describe("slackMessage", () => {
  const app = "https://switchyard.example";
  it.each([
    ["test_run.completed", { test_run: run, results: { total: 3, passed: 2, failed: 1, blocked: 0, skipped: 0, retest: 0 } }, /Test run <https:\/\/switchyard\.example\/projects\/prj_1\/test-runs\/run_1\|Nightly &lt;main&gt;> completed: 2 passed, 1 failed/],
    ["test_run.state_changed", { test_run: { ...run, state: "blocked" }, previous_state: "in_progress" }, /changed state from _in_progress_ to _blocked_/],
    ["session.result_added", { session: { ...run, name: "Explore" }, result: { status: "failed" } }, /Session .*Explore.* got a new result: \*failed\*/],
    ["case.deleted", { case: { id: "case_1", title: "Login", url: "/c/1" } }, /Case .*Login.* deleted/],
    ["issue.updated", { issue: { id: "iss_1", title: "Crash", state: "closed", url: "/i/1" } }, /Issue .*Crash.* updated \(closed\)/],
  ])("summarises %s with a link back", (type, data, pattern) => {
    const { text, link } = slackSummary(envelope(type, data), app);
    expect(text).toMatch(pattern);
    expect(link).toMatch(/^https:\/\/switchyard\.example\//);
  });

  it("builds Block Kit with a fallback text and an Open button", () => {
    const msg = slackMessage(envelope("test_run.created", { test_run: run }), app) as { text: string; blocks: { type: string }[] };
    expect(msg.blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
    expect(msg.text).toBe("Test run Nightly &lt;main&gt; created");
  });
});

import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { github } from "./github";

const issuesExamples = (examples as { name: string; examples: Record<string, any>[] }[]).find((e) => e.name === "issues")!.examples;
const example = (action: string) => issuesExamples.find((e) => e.action === action)!;
const headers = (event: string, delivery = "d-1") => new Headers({ "x-github-event": event, "x-github-delivery": delivery });

describe("github adapter", () => {
  it.each(["opened", "edited", "closed", "reopened", "labeled", "unlabeled", "assigned", "unassigned"].filter((a) => issuesExamples.some((e) => e.action === a)))(
    "turns issues.%s into an upsert of the issue's current values",
    (action) => {
      const body = example(action);
      const result = github.parse(body, headers("issues"));
      expect(result).toMatchObject({ kind: "issue", eventName: `issues.${action}` });
      if (result.kind !== "issue") return;
      expect(result.event).toMatchObject({
        action: "upsert",
        key: `${body.repository.full_name}#${body.issue.number}`,
        title: body.issue.title,
        state: body.issue.state === "closed" ? "closed" : "open",
        url: body.issue.html_url,
        labels: body.issue.labels.map((l: { name: string }) => l.name),
        assignee: body.issue.assignee?.login ?? null,
        sentinel: false,
      });
      expect(result.event.updatedAt?.toISOString()).toBe(new Date(body.issue.updated_at).toISOString());
    },
  );

  it("turns issues.deleted into a delete", () => {
    const result = github.parse(example("deleted"), headers("issues"));
    expect(result).toMatchObject({ kind: "issue", event: { action: "delete" } });
  });

  it.each([
    ["ping", { zen: "Keep it logically awesome.", hook_id: 1 }],
    ["push", { ref: "refs/heads/main" }],
    ["", {}],
  ])("ignores the non-issue event %j", (event, body) => {
    expect(github.parse(body, headers(event)).kind).toBe("ignored");
  });

  it("ignores issue actions that do not change synced fields", () => {
    expect(github.parse(example("pinned"), headers("issues"))).toMatchObject({ kind: "ignored", eventName: "issues.pinned" });
  });

  it.each([
    ["no issue", { action: "opened", repository: { full_name: "o/r" } }],
    ["a non-numeric number", { ...example("opened"), issue: { ...example("opened").issue, number: "7" } }],
    ["an unknown state", { ...example("opened"), issue: { ...example("opened").issue, state: "weird" } }],
    ["an array body", []],
    ["null", null],
  ])("reports %s as malformed", (_name, body) => {
    expect(github.parse(body, headers("issues")).kind).toBe("malformed");
  });

  it("marks issue number 0 as the Send Test sentinel", () => {
    const body = { ...example("opened"), issue: { ...example("opened").issue, number: 0 } };
    expect(github.parse(body, headers("issues"))).toMatchObject({ kind: "issue", event: { sentinel: true } });
  });

  it("reads the delivery id and event name from the headers", () => {
    expect(github.deliveryId({}, headers("issues", "abc"))).toEqual({ ok: true, value: "abc" });
    expect(github.eventName({}, headers("issues"))).toBe("issues");
  });
});

describe("github adapter on hostile values", () => {
  const opened = () => structuredClone(example("opened"));
  const parse = (b: unknown) => github.parse(b, headers("issues"));

  it.each<[string, (b: Record<string, any>) => void, Record<string, unknown>]>([
    ["NUL and lone surrogates in the title", (b) => void (b.issue.title = "Bad\u0000 ti\ud800tle\udfff"), { title: "Bad title" }],
    ["NUL in a label and the assignee", (b) => void ((b.issue.labels = [{ name: "bug\u0000" }]), (b.issue.assignee = { login: "oct\u0000ocat" })), { labels: ["bug"], assignee: "octocat" }],
    ["a 5 MiB title", (b) => void (b.issue.title = "t".repeat(5 * 1024 * 1024)), { title: "t".repeat(500) }],
    ["1,000 labels", (b) => void (b.issue.labels = Array.from({ length: 1000 }, (_, i) => ({ name: `l${i}` }))), {}],
  ])("reads %s as bounded, clean values", (_name, mutate, expected) => {
    const b = opened();
    mutate(b);
    const result = parse(b);
    expect(result).toMatchObject({ kind: "issue", event: expected });
    if (result.kind === "issue") expect(result.event.labels.length).toBeLessThanOrEqual(100);
  });

  it.each<[string, (b: Record<string, any>) => void]>([
    ["a javascript: URL", (b) => void (b.issue.html_url = "javascript:alert(1)")],
    ["a URL without a host", (b) => void (b.issue.html_url = "https://")],
    ["a URL with a space in the host", (b) => void (b.issue.html_url = "https://exa mple.com/x")],
    ["year 0000", (b) => void (b.issue.updated_at = "0000-01-01T00:00:00Z")],
    ["an expanded year", (b) => void (b.issue.updated_at = "+010000-01-01T00:00:00Z")],
    ["a 5 MiB date", (b) => void (b.issue.updated_at = "2".repeat(5 * 1024 * 1024))],
    ["a repository name with NUL", (b) => void (b.repository.full_name = "Codertocat/Hello\u0000")],
    ["a 10,000-character repository name", (b) => void (b.repository.full_name = "o/".padEnd(10_000, "r"))],
    ["an issue number past PostgreSQL's integer", (b) => void (b.issue.number = 2 ** 31)],
    ["a non-text action", (b) => void (b.action = 7)],
  ])("reports %s as malformed", (_name, mutate) => {
    const b = opened();
    mutate(b);
    expect(parse(b).kind).toBe("malformed");
  });

  it("ignores a pull request delivered as an issue", () => {
    const b = opened();
    b.issue.pull_request = { url: "https://api.github.com/repos/o/r/pulls/1" };
    expect(parse(b)).toMatchObject({ kind: "ignored", reason: "a pull request, not an issue" });
  });

  it("records a cut, clean event name and reason for unknown events and actions", () => {
    const b = { ...opened(), action: `x\u0000${"a".repeat(10_000)}` };
    const result = parse(b);
    expect(result.kind).toBe("ignored");
    expect(result.eventName.length).toBeLessThanOrEqual(100);
    expect(result.kind === "ignored" && result.reason).not.toContain("\u0000");
    expect(github.eventName(undefined, headers("x".repeat(10_000))).length).toBeLessThanOrEqual(100);
  });

  it.each([
    ["a 201-character delivery id", "d".repeat(201)],
    ["a delivery id with a control character", "abc\u0001"],
  ])("refuses %s", (_name, id) => {
    const h = new Headers();
    // Headers() refuses NUL itself; the checks also cover what it lets through.
    h.set("x-github-delivery", id);
    expect(github.deliveryId({}, h).ok).toBe(false);
  });
});

describe("github scope", () => {
  const event = (fullName: string) => {
    const b = structuredClone(example("opened"));
    b.repository.full_name = fullName;
    const result = github.parse(b, headers("issues"));
    if (result.kind !== "issue") throw new Error("expected an issue");
    return result.event;
  };

  it.each([
    ["the integration's repository", "Codertocat/Hello-World", null],
    ["the same repository in other case", "codertocat/hello-world", null],
    ["another repository of the organisation", "Codertocat/Other", "another repository (Codertocat/Other)"],
  ])("%s → %s", (_n, fullName, reason) => {
    expect(github.outOfScope(event(fullName), { repository: "Codertocat/Hello-World" })).toBe(reason);
  });
});

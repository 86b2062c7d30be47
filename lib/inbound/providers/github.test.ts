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

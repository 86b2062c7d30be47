import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callWithin } from "@/tests/helpers/deadline";
import { ADO_SENTINEL_ID, azureDevops } from "./azure-devops";

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve("tests/fixtures/trackers/ado", name), "utf8"));
const none = new Headers();

describe("azure devops adapter", () => {
  it("parses workitem.created from resource.fields", () => {
    expect(azureDevops.parse(fixture("workitem.created.json"), none)).toMatchObject({
      kind: "issue",
      eventName: "workitem.created",
      event: {
        action: "upsert", key: "311", title: "Cart total ignores coupon", state: "open", labels: ["checkout", "coupons"],
        assignee: null, rev: 1, url: "https://dev.azure.com/acme-test/Checkout/_workitems/edit/311",
      },
    });
  });

  it("takes workitem.updated's id from resource.workItemId and values from resource.revision.fields", () => {
    const result = azureDevops.parse(fixture("workitem.updated.json"), none);
    expect(result).toMatchObject({
      kind: "issue",
      event: { action: "upsert", key: "311", state: "in_progress", assignee: "Alex Fixer", rev: 2, title: "Cart total ignores coupon" },
    });
    expect(result.kind === "issue" && result.event.updatedAt?.toISOString()).toBe("2026-03-03T09:30:00.000Z");
  });

  it("parses workitem.deleted as a delete", () => {
    expect(azureDevops.parse(fixture("workitem.deleted.json"), none)).toMatchObject({ kind: "issue", event: { action: "delete", key: "311", rev: 3 } });
  });

  it("ignores other service hook events", () => {
    expect(azureDevops.parse(fixture("build.complete.json"), none)).toMatchObject({ kind: "ignored", eventName: "build.complete" });
  });

  it.each([
    ["no resource", { eventType: "workitem.created", id: "x" }],
    ["an updated event without revision", (() => { const b = fixture("workitem.updated.json"); delete b.resource.revision; return b; })()],
    ["a string id", (() => { const b = fixture("workitem.created.json"); b.resource.id = "311"; return b; })()],
  ])("reports %s as malformed", (_n, body) => {
    expect(azureDevops.parse(body, none).kind).toBe("malformed");
  });

  it.each([
    ["Closed", "closed"], ["Done", "closed"], ["Resolved", "closed"], ["Active", "in_progress"], ["Committed", "in_progress"], ["New", "open"], ["Approved", "open"],
  ])("maps System.State %s to %s", (state, expected) => {
    const b = fixture("workitem.created.json");
    b.resource.fields["System.State"] = state;
    expect(azureDevops.parse(b, none)).toMatchObject({ event: { state: expected } });
  });

  it("marks work item -1 as the Send Test sentinel", () => {
    const b = fixture("workitem.created.json");
    b.resource.id = ADO_SENTINEL_ID;
    expect(azureDevops.parse(b, none)).toMatchObject({ kind: "issue", event: { sentinel: true } });
  });

  it("reads the delivery id from the body's id", () => {
    expect(azureDevops.deliveryId(fixture("workitem.created.json"), none)).toEqual({ ok: true, value: "1b2c3d4e-0000-4000-8000-0000000000a1" });
  });
});

describe("azure devops adapter on hostile values", () => {
  const created = () => fixture("workitem.created.json");
  const withField = (name: string, value: unknown) => {
    const b = created();
    b.resource.fields[name] = value;
    return azureDevops.parse(b, none);
  };

  it.each([
    ["Name <email>", "Alex Fixer <alex@acme.test>", "Alex Fixer"],
    ["a plain name", "Alex Fixer", "Alex Fixer"],
    ["an identity object", { displayName: "Alex\u0000 Fixer", uniqueName: "alex@acme.test" }, "Alex Fixer"],
    ["only an address", "<alex@acme.test>", null],
    ["a lone surrogate", "Alex\ud800 Fixer", "Alex Fixer"],
  ])("reads System.AssignedTo as %s", (_n, value, expected) => {
    expect(withField("System.AssignedTo", value)).toMatchObject({ kind: "issue", event: { assignee: expected } });
  });

  // Before: /\s*<[^>]*>$/ backtracked from every "<" — 40,000 of them blocked the event loop for about
  // a second, 5 MiB would take hours. Run in a worker with a deadline, so a regression fails here.
  it("reads a 5 MiB System.AssignedTo of '<' within seconds (linear time)", async () => {
    const b = created();
    b.resource.fields["System.AssignedTo"] = "<".repeat(5 * 1024 * 1024);
    const result = await callWithin(10_000, "lib/inbound/providers/azure-devops.ts", ["azureDevops", "parse"], b);
    expect(result).toMatchObject({ kind: "issue", event: { assignee: "<".repeat(200) } });
  }, 20_000);

  it("keeps at most 50 tags, each cut to 100 characters, from a huge System.Tags", () => {
    const result = withField("System.Tags", `${"t".repeat(1000)}; ${"a;".repeat(2 * 1024 * 1024)}`);
    if (result.kind !== "issue") throw new Error("expected an issue");
    expect(result.event.labels).toHaveLength(50);
    expect(result.event.labels[0]).toBe("t".repeat(100));
  });

  it.each<[string, string, unknown]>([
    ["year 0000", "System.ChangedDate", "0000-01-01T00:00:00Z"],
    ["a date that is not one", "System.ChangedDate", "soon"],
    ["a team project with NUL", "System.TeamProject", "Check\u0000out"],
  ])("reports %s as malformed", (_n, name, value) => {
    expect(withField(name, value).kind).toBe("malformed");
  });

  it.each<[string, (b: Record<string, any>) => void]>([
    ["an id past PostgreSQL's integer", (b) => void (b.resource.id = 2 ** 31)],
    ["a revision past PostgreSQL's integer", (b) => void (b.resource.rev = 2 ** 40)],
    ["a link that is not http(s)", (b) => void (b.resource._links.html.href = "javascript:alert(1)")],
    ["a URL that does not parse", (b) => void (b.resource.url = "https://")],
  ])("reports %s as malformed", (_n, mutate) => {
    const b = created();
    mutate(b);
    expect(azureDevops.parse(b, none).kind).toBe("malformed");
  });

  it.each([
    ["a number", 7],
    ["201 characters", "i".repeat(201)],
    ["NUL inside", "abc\u0000"],
  ])("refuses a delivery id that is %s", (_n, id) => {
    expect(azureDevops.deliveryId({ ...created(), id }, none).ok).toBe(false);
  });
});

describe("azure devops scope", () => {
  const config = { organization: "acme-test", project: "Checkout" };
  const event = (mutate: (b: Record<string, any>) => void) => {
    const b = fixture("workitem.created.json");
    mutate(b);
    const result = azureDevops.parse(b, none);
    if (result.kind !== "issue") throw new Error("expected an issue");
    return result.event;
  };

  it.each<[string, (b: Record<string, any>) => void, string | null]>([
    ["the integration's project", () => {}, null],
    ["the project in other case", (b) => void (b.resource.fields["System.TeamProject"] = "checkout"), null],
    ["another project", (b) => void (b.resource.fields["System.TeamProject"] = "Payments"), "another Azure DevOps project (Payments)"],
    ["no project named", (b) => void delete b.resource.fields["System.TeamProject"], "the event names no Azure DevOps project"],
    [
      "the same project name in another organization",
      (b) => void ((b.resource.url = "https://dev.azure.com/other-org/_apis/wit/workItems/311"), (b.resource._links.html.href = "https://dev.azure.com/other-org/Checkout/_workitems/edit/311")),
      "another Azure DevOps organization (other-org)",
    ],
    ["an Azure DevOps Server host (no organization in the URL)", (b) => void (b.resource.url = "https://tfs.acme.test/DefaultCollection/_apis/wit/workItems/311"), null],
  ])("%s", (_n, mutate, reason) => {
    expect(azureDevops.outOfScope(event(mutate), config)).toBe(reason);
  });
});

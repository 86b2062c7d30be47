import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
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

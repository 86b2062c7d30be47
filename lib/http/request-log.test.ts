import { describe, expect, it } from "vitest";
import { requestId, routePattern } from "./request-log";

describe("routePattern", () => {
  it.each([
    ["/api/v1/projects", {}, "/api/v1/projects"],
    ["/api/v1/projects/prj_1/webhooks/outbound/wh_2", { projectId: "prj_1", webhookId: "wh_2" }, "/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]"],
    // The inbound URL token is a credential: it never reaches a log line.
    ["/api/webhooks/s3cr3t-token-value", { token: "s3cr3t-token-value" }, "/api/webhooks/[token]"],
    ["/api/v1/projects/prj_1/webhooks/outbound/wh_2/events/case.created", { projectId: "prj_1", webhookId: "wh_2", type: "case.created" }, "/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/events/[type]"],
    ["/api/v1/x/a%20b", { name: "a b" }, "/api/v1/x/[name]"],
    ["/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] }, "/api/auth/[...nextauth]"],
    ["/api/v1/x/%E0%A4%A", { name: "zzz" }, "/api/v1/x/%E0%A4%A"],
  ])("%s → the pattern", (path, params, expected) => {
    expect(routePattern(path, params)).toBe(expected);
  });
});

describe("requestId", () => {
  it.each([
    [null, false],
    ["lb-0123456789abcdef", true],
    ["short", false],
    ["has space in it ......", false],
    ["x".repeat(65), false],
  ])("keeps an incoming x-request-id only when it looks like an id (%s)", (given, kept) => {
    const req = new Request("http://localhost/", { headers: given ? { "x-request-id": given } : {} });
    const id = requestId(req);
    expect(id === given).toBe(kept);
    if (!kept) expect(id).toMatch(/^req_/);
  });
});

import { describe, expect, it } from "vitest";
import { isPagePath, pageCsp } from "./security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("pageCsp", () => {
  it("trusts only scripts carrying this response's nonce, and those they load", () => {
    const d = directives(pageCsp({ nonce: "abc123", https: false, dev: false }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d).not.toHaveProperty("upgrade-insecure-requests");
  });

  it.each([
    { https: true, dev: false, upgrade: true, evalAllowed: false },
    { https: false, dev: true, upgrade: false, evalAllowed: true },
  ])("https: $https, dev: $dev", ({ https, dev, upgrade, evalAllowed }) => {
    const d = directives(pageCsp({ nonce: "n", https, dev }));
    expect("upgrade-insecure-requests" in d).toBe(upgrade);
    expect(d["script-src"].includes("'unsafe-eval'")).toBe(evalAllowed);
  });
});

describe("isPagePath", () => {
  it.each([
    ["/", true],
    ["/login", true],
    ["/projects/prj_1/settings/webhooks", true],
    ["/api/v1/projects", false],
    ["/api/webhooks/tok", false],
    ["/_next/static/chunks/x.js", false],
  ])("%s → %s", (path, page) => expect(isPagePath(path)).toBe(page));
});

// Issue 12, item 5: security headers on pages and API responses, and pages that still work under
// the nonce-based CSP (no violation reported while signing in and using dialogs). The CSRF refusal
// needs a same-site sibling origin, which a local rig cannot have: tests/integration/api-edge.test.ts.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";

/** Collects every CSP violation the page reports, from the console and the DOM event. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|run)/i.test(m.text())) violations.push(m.text());
  });
  void page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  return violations;
}

test("pages and API responses carry the security headers", async ({ page, request }) => {
  const login = await page.goto("/login");
  const headers = login!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined(); // APP_URL is http here
  // The nonce is fresh on every response.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  const api = await request.get("/api/v1/projects");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("signed-in pages work under the CSP, and the tokens page is never cached", async ({ page }) => {
  const violations = watchCsp(page);
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "CSP");
  await page.goto(`/projects/${project.id}/settings/webhooks`);
  // A radix dialog opening proves the page's scripts ran (hydrated) under the policy.
  await page.getByRole("button", { name: "Add Webhook" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  const tokens = await page.goto("/settings/tokens");
  expect(tokens!.headers()["cache-control"]).toContain("no-store");
  await page.getByLabel("Expires after").click();
  await expect(page.getByRole("option", { name: "1 year" })).toBeVisible();
  await page.keyboard.press("Escape");
  expect(violations).toEqual([]);
});

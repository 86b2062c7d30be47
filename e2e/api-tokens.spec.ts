// Personal API tokens from the account settings page: shown once, usable as a Bearer token on the
// JSON API, gone after dismissal, and refused once revoked.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { MEMBER, signIn } from "./helpers";

test("a token is created and shown once, works as a Bearer token, and stops working when revoked", async ({ page, baseURL }) => {
  await signIn(page, MEMBER);
  await page.goto("/settings/tokens");
  const name = `CI ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();

  const panel = page.getByTestId("reveal-once-panel");
  await expect(panel).toContainText(`Token “${name}” created`);
  const token = await panel.getByRole("textbox", { name: "API token" }).inputValue();
  expect(token).toMatch(/^sy_/);
  await page.screenshot({ path: "test-results/account-token-revealed.png", fullPage: true });

  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const mine = await api.get("/api/v1/projects");
  expect(mine.status()).toBe(200);
  expect((await mine.json()).projects.map((p: { name: string }) => p.name)).toContain("Demo project");

  await panel.getByRole("button", { name: "I have saved it" }).click();
  await expect(panel).toBeHidden();
  await page.reload();
  await expect(page.getByRole("list", { name: "API tokens" }).getByText(name)).toBeVisible();
  expect(await page.content()).not.toContain(token);
  const listed = await (await page.request.get("/api/v1/me/tokens")).text();
  expect(listed).toContain(name);
  expect(listed).not.toContain(token);

  const row = page.getByRole("list", { name: "API tokens" }).getByRole("listitem").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked “${name}”` })).toBeVisible();
  await expect(page.getByRole("list", { name: "API tokens" }).getByText(name)).toBeHidden();
  expect((await api.get("/api/v1/projects")).status()).toBe(401);
  await api.dispose();
});

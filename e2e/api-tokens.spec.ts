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
  const listed1 = page.getByRole("list", { name: "API tokens" }).getByRole("listitem").filter({ hasText: name });
  await expect(listed1).toContainText("Read and write");
  await expect(listed1).toContainText("All my projects");
  await expect(listed1).toContainText(/Expires in (2|3) months/);
  expect(await page.content()).not.toContain(token);
  // A token cannot mint another one: revoking a leaked token must end its access.
  const minted = await api.post("/api/v1/me/tokens", { data: { name: "from a token" } });
  expect(minted.status()).toBe(403);
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

test("a read-only token limited to one project, chosen at creation, is shown with its scope and cannot write", async ({ page, baseURL }) => {
  await signIn(page, MEMBER);
  await page.goto("/settings/tokens");
  const name = `Export ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").click();
  await page.getByRole("option", { name: "30 days" }).click();
  await page.getByLabel("Access").click();
  await page.getByRole("option", { name: "Read only" }).click();
  await page.getByLabel("Projects").click();
  await page.getByRole("option", { name: "Demo project" }).click();
  await page.screenshot({ path: "test-results/account-token-form-1280.png", fullPage: true });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("reveal-once-panel").getByRole("textbox", { name: "API token" }).inputValue();

  const row = page.getByRole("list", { name: "API tokens" }).getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("Read only");
  await expect(row).toContainText("Only Demo project");
  await expect(row).toContainText(/Expires in (about 1 month|30 days|29 days)/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/account-token-list-390.png", fullPage: true });

  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const projects = await (await page.request.get("/api/v1/projects")).json();
  const demo = projects.projects.find((p: { name: string }) => p.name === "Demo project");
  expect((await api.get(`/api/v1/projects/${demo.id}/cases`)).status()).toBe(200);
  const write = await api.post(`/api/v1/projects/${demo.id}/cases`, { data: { title: "not allowed" } });
  expect(write.status()).toBe(403);
  expect((await write.json()).detail).toMatch(/read-only/);
  expect((await api.get("/api/v1/projects")).status()).toBe(403); // outside its one project
  await api.dispose();
});

// The first thing a new user does: sign in, open the demo project, run a test run to completion,
// and, as a member, meet a clear "admins only" page where admin rights are needed.
import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, signIn } from "./helpers";

test("an admin creates a test run in the demo project, completes it, sees it listed as completed and signs out", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/projects");
  await page.getByRole("link", { name: /Demo project/ }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Test runs" }).click();
  await expect(page.getByRole("heading", { name: "Test runs" })).toBeVisible();

  const name = `E2E run ${Date.now().toString(36)}`;
  await expect(async () => {
    await page.getByRole("button", { name: "New test run" }).first().click();
    await expect(page.getByRole("dialog", { name: "New test run" })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Branch (optional)").fill("main");
  await page.getByRole("button", { name: "Create test run" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("button", { name: "Add result" }).click();
  await expect(page.getByText("1 result")).toBeVisible();

  await page.getByRole("button", { name: "Complete", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Complete test run" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByText("takes no more results").first()).toBeVisible();
  await page.screenshot({ path: "test-results/foundation-run-completed.png", fullPage: true });

  await page.getByRole("link", { name: "Test runs" }).first().click();
  const row = page.getByRole("table", { name: "Test runs, newest first" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("1 passed");
  await page.screenshot({ path: "test-results/foundation-runs-list.png", fullPage: true });

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("a member opening Settings → Webhooks gets a clear admins-only page", async ({ page }) => {
  await signIn(page, MEMBER);
  await page.goto("/projects");
  await page.getByRole("link", { name: /Demo project/ }).click();
  // Members are not offered the admin-only pages; a bookmarked URL explains itself.
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  const projectId = page.url().match(/\/projects\/(prj_[0-9a-z]+)/)![1];
  await page.goto(`/projects/${projectId}/settings/webhooks`);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(page.getByText(/Only project admins can manage webhooks/)).toBeVisible();
  await page.screenshot({ path: "test-results/foundation-admins-only.png", fullPage: true });
});

test("the app shell works at 390 px: the project menu opens in a drawer", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  await page.goto("/projects");
  await page.getByRole("link", { name: /Demo project/ }).click();
  // The project opens on its test runs; a menu opened before that navigation ends is closed by it.
  await expect(page.getByRole("heading", { name: "Test runs" })).toBeVisible();
  const drawer = page.getByRole("dialog", { name: "Project menu" });
  // The menu button needs the page's JavaScript; retry the click until hydration has wired it.
  await expect(async () => {
    await page.getByRole("button", { name: "Open project menu" }).click();
    await expect(drawer).toBeVisible({ timeout: 1000 });
  }).toPass();
  await drawer.getByRole("link", { name: "Cases" }).click();
  await expect(page.getByRole("heading", { name: "Cases" })).toBeVisible();
  await expect(drawer).toBeHidden();
  await page.screenshot({ path: "test-results/foundation-mobile-cases.png", fullPage: true });
});

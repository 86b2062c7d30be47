// Issues 12 and 13 (browser): the project lists are keyset pages in the one Table, with "Load more";
// live issue changes land in the loaded pages; a stream the server ends (here: access lost and given
// back) reconnects by itself and shows later changes without a reload.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, createProject, MEMBER, signIn } from "./helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/lists/${name}.png`, fullPage: true });

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/v1${path}`, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return res.json();
}

test("the Issues page loads more pages and keeps live changes in them", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Lists: issues pages");
  // 55 issues: one full page of 50 and five more; created one after another, oldest first.
  for (let n = 1; n <= 55; n++) await post(page.request, `/projects/${project.id}/issues`, { title: `Issue ${String(n).padStart(2, "0")}` });

  await page.goto(`/projects/${project.id}/issues`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  const rows = page.getByTestId("issue-row");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText("Issue 55");
  await expect(page.getByText("50 issues shown")).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(55);
  await expect(rows.last()).toContainText("Issue 01");
  await expect(page.getByText("55 issues shown — that is all of them")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();

  // Live: a new issue goes first; an edit to one on the second page changes it where it is.
  await post(page.request, `/projects/${project.id}/issues`, { title: "Issue 56, made while the page is open" });
  await expect(rows.first()).toContainText("Issue 56, made while the page is open");
  const oldest = (await (await page.request.get(`/api/v1/projects/${project.id}/issues?limit=100`)).json()).issues.at(-1);
  expect(oldest.title).toBe("Issue 01");
  const patched = await page.request.patch(`/api/v1/projects/${project.id}/issues/${oldest.id}`, { data: { title: "Issue 01, renamed live", state: "closed" } });
  expect(patched.status()).toBe(200);
  await expect(rows.last()).toContainText("Issue 01, renamed live");
  await expect(rows).toHaveCount(56);
  await shot(page, "issues-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/lists/issues-390.png" });
});

test("cases, test runs and sessions are tables with Load more, at 1280 and 390 px", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Lists: tables");
  for (let n = 1; n <= 3; n++) await post(page.request, `/projects/${project.id}/cases`, { title: `Case ${n}: checkout with a saved card`, priority: n === 1 ? "high" : "medium" });
  await post(page.request, `/projects/${project.id}/test-runs`, { name: "Release 1.5 regression", git: { branch: "release/1.5", commit_sha: null } });
  await post(page.request, `/projects/${project.id}/sessions`, { name: "Explore checkout", charter: "Saved cards" });

  for (const [path, caption, text] of [
    ["cases", "Cases, newest first", "Case 3: checkout with a saved card"],
    ["test-runs", "Test runs, newest first", "Release 1.5 regression"],
    ["sessions", "Sessions, newest first", "Explore checkout"],
  ] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/projects/${project.id}/${path}`);
    const table = page.getByRole("table", { name: caption });
    await expect(table.getByRole("row").filter({ hasText: text })).toBeVisible();
    await expect(page.getByText(/shown — that is all of them/)).toBeVisible();
    await shot(page, `${path}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(table.getByRole("row").filter({ hasText: text })).toBeVisible();
    // Nothing wider than the phone: the table fits or scrolls inside its own region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, `${path}-390`);
  }
});

test("a stream the server ends reconnects by itself and shows later changes", async ({ page, browser, baseURL }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Lists: reconnect");
  const added = await post(page.request, `/projects/${project.id}/members`, { email: MEMBER.email, role: "member" });
  const memberId: string = added.member.user_id;

  const context = await browser.newContext({ baseURL });
  const tab = await context.newPage();
  await signIn(tab, MEMBER);
  await tab.goto(`/projects/${project.id}/issues`);
  const status = tab.getByTestId("live-status");
  await expect(status).toHaveAttribute("data-status", "live");

  // Losing access ends the stream (within seconds); the tab keeps trying.
  expect((await page.request.delete(`/api/v1/projects/${project.id}/members/${memberId}`)).status()).toBeLessThan(300);
  await expect(status).toHaveAttribute("data-status", "reconnecting", { timeout: 15_000 });

  // Access given back: the tab reconnects on its own and the next change shows without a reload.
  await post(page.request, `/projects/${project.id}/members`, { email: MEMBER.email, role: "member" });
  await expect(status).toHaveAttribute("data-status", "live", { timeout: 40_000 });
  await post(page.request, `/projects/${project.id}/issues`, { title: "Filed after the reconnect" });
  await expect(tab.getByTestId("issue-row").filter({ hasText: "Filed after the reconnect" })).toBeVisible();
  await context.close();
});

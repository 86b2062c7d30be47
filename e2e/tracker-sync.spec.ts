// Issue 14, "Must show" (browser): Sync now against a fake GitHub on 127.0.0.1 updates an open Issues
// page live; the inbound card shows recent receipts and the refused / silent notices.
import { expect, test, type Page } from "@playwright/test";
import { connectPostgres } from "../db/connect";
import { FAKE_CREDENTIALS, FakeTracker, GITHUB_REPO } from "../tests/helpers/fake-tracker";
import { ADMIN, createProject, e2eDatabaseUrl, signIn } from "./helpers";
import { createInbound, githubIssueEvent, postGithub, setIntegration } from "./inbound-helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/tracker-sync/${name}.png`, fullPage: true });

let tracker: FakeTracker;
test.beforeAll(async () => {
  tracker = await new FakeTracker().start();
});
test.afterAll(() => tracker.stop());

test("Sync now heals a missed webhook and the open Issues page updates live", async ({ page, browser, baseURL }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Tracker sync: live");
  await setIntegration(page.request, project.id, { provider: "github", repository: GITHUB_REPO, api_url: tracker.url });
  tracker.change("github", "7", { title: "Flaky login test", labels: ["flaky"] });

  // The credential: a wrong token is refused with the tracker's words, the right one says who it is.
  await page.goto(`/projects/${project.id}/settings/integrations`);
  const card = page.getByRole("region", { name: /Sync through the GitHub API/ });
  await expect(card.getByText("No syncs yet")).toBeVisible();
  await expect(card.getByRole("button", { name: "Sync now" })).toBeDisabled();
  await card.getByLabel("Personal access token").fill("github_pat_wrong_wrong_wrong");
  await card.getByRole("button", { name: "Test and save" }).click();
  await expect(card.getByText(/refused the credential \(401\)/).first()).toBeVisible();
  await shot(page, "integrations-credential-refused");
  await card.getByLabel("Personal access token").fill(FAKE_CREDENTIALS.github.token);
  await card.getByRole("button", { name: "Test and save" }).click();
  await expect(card.getByTestId("tracker-credential")).toContainText("connected as sync-bot");
  await page.reload();
  await expect(card.getByTestId("tracker-credential")).toContainText(/API credential set, added .* ago/);
  expect(await page.content()).not.toContain(FAKE_CREDENTIALS.github.token);

  // A second tab, phone-sized, watches the Issues page.
  const other = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const issuesTab = await other.newPage();
  await signIn(issuesTab, ADMIN);
  await issuesTab.goto(`/projects/${project.id}/issues`);
  await expect(issuesTab.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(issuesTab.getByText("No issues yet")).toBeVisible();

  // Sync now answers at once; the run goes on in the background and the history shows it running.
  const release = tracker.hold();
  try {
    await card.getByRole("button", { name: "Sync now" }).click();
    await expect(card.getByTestId("sync-run").first()).toContainText("Running");
    await expect(card.getByRole("button", { name: "Syncing…" })).toBeDisabled();
    await shot(page, "integrations-sync-running");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "integrations-sync-running-390px");
    await page.setViewportSize({ width: 1280, height: 720 });
  } finally {
    release();
  }
  // It finishes by itself: the page says so, the history updates, the open Issues tab gets the issue.
  await expect(page.getByText("Synced: 1 issue changed", { exact: true })).toBeVisible();
  await expect(card.getByTestId("sync-run").first()).toContainText("Succeeded");
  await expect(card.getByRole("button", { name: "Sync now" })).toBeEnabled();
  await expect(issuesTab.getByTestId("issue-row").filter({ hasText: "Flaky login test" })).toBeVisible();

  // Upstream changes while the webhook is down; the next Sync now brings them to the open tab.
  tracker.change("github", "7", { title: "Flaky login test on Safari", state: "closed", labels: ["flaky"] });
  await card.getByRole("button", { name: "Sync now" }).click();
  const row = issuesTab.getByTestId("issue-row").filter({ hasText: "Flaky login test on Safari" });
  await expect(row.getByTestId("issue-state")).toHaveAttribute("data-state", "closed");
  await expect(card.getByTestId("sync-run")).toHaveCount(2);
  await shot(page, "integrations-sync-history");
  await shot(issuesTab, "issues-after-sync-390px");

  // A rate limit stops the run and says until when.
  tracker.change("github", "8");
  tracker.quota = 0;
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByTestId("sync-run").first()).toContainText("Rate limited");
  await expect(card.getByTestId("sync-run").first()).toContainText(/until in/);
  tracker.quota = null;
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "integrations-sync-history-390px");
  await other.close();
});

test("the inbound card shows recent receipts and the refused and silent notices", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Tracker sync: inbound health");
  await setIntegration(page.request, project.id, { provider: "github", repository: GITHUB_REPO });
  const { url, secret } = await createInbound(page.request, project.id);
  const health = page.getByTestId("inbound-health");

  await page.goto(`/projects/${project.id}/settings/webhooks`);
  await expect(health).toContainText("Last receivedNothing yet");
  expect((await postGithub(url, githubIssueEvent("opened", 31, { title: "Cart total rounds down" }), secret!)).status).toBe(202);
  for (let i = 0; i < 5; i++) expect((await postGithub(url, githubIssueEvent("edited", 31, { title: "x" }), "whsec_an-old-secret")).status).toBe(401);
  await page.reload();
  await expect(page.getByTestId("inbound-last-24h")).toContainText("1 imported");
  await expect(page.getByTestId("inbound-last-24h")).toContainText("5 refused");
  await expect(page.getByTestId("inbound-notice")).toContainText("The last 5 deliveries from GitHub were all refused");
  await expect(page.getByTestId("inbound-notice")).toContainText("still signing with an old secret");
  await shot(page, "inbound-health-refused");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "inbound-health-refused-390px");
  await page.setViewportSize({ width: 1280, height: 720 });

  // A day later, nothing accepted since: the silent notice (the receipts' age set in the database).
  const sql = connectPostgres(e2eDatabaseUrl(), { max: 1 });
  try {
    await sql`delete from deliveries where project_id = ${project.id} and outcome = 'rejected'`;
    await sql`update deliveries set created_at = now() - interval '26 hours' where project_id = ${project.id}`;
  } finally {
    await sql.end();
  }
  await page.reload();
  await expect(page.getByTestId("inbound-notice")).toContainText("Nothing has been accepted from GitHub for over a day");
  await expect(page.getByTestId("inbound-last-24h")).toContainText("no deliveries");
  await shot(page, "inbound-health-silent");
});

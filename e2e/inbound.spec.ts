// Issue 4, "Must show" (browser): the Issues page open in two browser contexts changes without a
// reload when a signed GitHub event arrives; the Inbound section's flows in the browser.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";
import { createInbound, githubIssueEvent, postGithub, setIntegration } from "./inbound-helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/inbound/${name}.png`, fullPage: true });

test("a signed GitHub issue event changes the Issues page in two browser contexts without reload", async ({ page, browser, baseURL }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Inbound: live issues");
  await setIntegration(page.request, project.id, { provider: "github", repository: "Codertocat/Hello-World" });
  const { url, secret } = await createInbound(page.request, project.id);

  // The second tab is a phone-sized window (390 px), so the live page is also seen at that width.
  const other = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const second = await other.newPage();
  await signIn(second, ADMIN);
  for (const p of [page, second]) {
    await p.goto(`/projects/${project.id}/issues`);
    await expect(p.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  }
  await expect(page.getByText("No issues yet")).toBeVisible();

  const opened = await postGithub(url, githubIssueEvent("opened", 4242, { title: "Checkout button misaligned", labels: ["ui"] }), secret!);
  expect(opened).toMatchObject({ status: 202, json: { outcome: "imported" } });
  for (const p of [page, second]) {
    const row = p.getByTestId("issue-row").filter({ hasText: "Checkout button misaligned" });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("issue-state")).toHaveAttribute("data-state", "open");
  }
  await shot(page, "issues-live-imported");
  await shot(second, "issues-live-imported-390px");

  // The second tab looks at the detail view; the first keeps the list.
  await second.getByRole("link", { name: "Checkout button misaligned" }).click();
  await expect(second.getByTestId("issue-title")).toHaveText("Checkout button misaligned");
  await expect(second.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  const closed = await postGithub(
    url,
    githubIssueEvent("closed", 4242, { title: "Checkout button misaligned on Safari", state: "closed", labels: ["ui"], updatedAt: new Date(Date.now() + 60_000) }),
    secret!,
  );
  expect(closed).toMatchObject({ status: 202, json: { outcome: "applied" } });
  const row = page.getByTestId("issue-row").filter({ hasText: "Checkout button misaligned on Safari" });
  await expect(row.getByTestId("issue-state")).toHaveAttribute("data-state", "closed");
  await expect(second.getByTestId("issue-title")).toHaveText("Checkout button misaligned on Safari");
  await expect(second.getByTestId("issue-state")).toHaveAttribute("data-state", "closed");
  await shot(page, "issues-live-closed-list");
  await shot(second, "issues-live-closed-detail");
  await other.close();
});

test("the Inbound section: add, reveal once, redacted after reload, rotate, delete, and the ADO form", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Inbound: section flows");
  const webhooksPage = `/projects/${project.id}/settings/webhooks`;
  const inbound = page.getByRole("region", { name: "Inbound" });

  // No integration: Add is disabled and the empty state points to Integrations.
  await page.goto(webhooksPage);
  await expect(inbound.getByText(/An Issue Integration is required/)).toBeVisible();
  await expect(inbound.getByRole("button", { name: "Add inbound webhook" })).toBeDisabled();
  await shot(page, "inbound-no-integration");

  // Choose GitHub on the Integrations page.
  await inbound.getByRole("link", { name: "Integrations" }).click();
  await expect(page).toHaveURL(/settings\/integrations/);
  await page.getByRole("radio", { name: /GitHub/ }).check();
  await page.getByLabel("Repository", { exact: true }).fill("Codertocat/Hello-World");
  await page.getByRole("button", { name: "Connect GitHub" }).click();
  await expect(page.getByText(/Connected to/)).toBeVisible();
  await shot(page, "integrations-github");

  // Add: created at once, URL and secret revealed once with the setup steps.
  await page.goto(webhooksPage);
  await expect(inbound.getByText("Add one to receive issue updates from your assigned Issue Integration.")).toBeVisible();
  await inbound.getByRole("button", { name: "Add inbound webhook" }).click();
  const panel = page.getByTestId("reveal-once-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByText("application/json")).toBeVisible();
  const url = await panel.getByLabel("Webhook URL", { exact: true }).inputValue();
  const secret = await panel.getByLabel("Secret", { exact: true }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(panel.getByText("What Switchyard answers:")).toBeVisible();
  await expect(panel.getByText(/one for another repository \(recorded as ignored\)/)).toBeVisible();
  await shot(page, "inbound-revealed");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "inbound-revealed-390");
  await page.setViewportSize({ width: 1280, height: 720 });
  expect((await postGithub(url, githubIssueEvent("opened", 7, { title: "From the revealed secret" }), secret)).status).toBe(202);

  // After a reload only the redacted URL is shown; neither value is anywhere in the page.
  await page.reload();
  await expect(inbound.getByTestId("inbound-url")).toHaveText(new RegExp(`/api/webhooks/••••${url.slice(-4)}$`));
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain(url);
  await shot(page, "inbound-redacted");

  // Send Test shows up as a received synthetic event.
  await inbound.getByRole("button", { name: "Send Test" }).click();
  await expect(page.getByText("Test received", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/recognised it as a test/).first()).toBeVisible();

  // The switch confirmation names the inbound webhook in an extra bullet (cancelled here).
  await page.goto(`/projects/${project.id}/settings/integrations`);
  await page.getByRole("radio", { name: /Jira/ }).check();
  await page.getByLabel("Jira site URL", { exact: true }).fill("https://acme.atlassian.net");
  await page.getByLabel("Project key", { exact: true }).fill("QA");
  await page.getByRole("button", { name: "Switch to Jira" }).click();
  await expect(page.getByTestId("inbound-consequence")).toBeVisible();
  await shot(page, "integrations-switch-confirm");
  await page.getByRole("button", { name: "Cancel" }).click();

  // Rotate: hard cutover; the old URL answers 404 at once.
  await page.goto(webhooksPage);
  await inbound.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("button", { name: "Rotate now" }).click();
  await expect(panel).toBeVisible();
  const newUrl = await panel.getByLabel("Webhook URL", { exact: true }).inputValue();
  const newSecret = await panel.getByLabel("Secret", { exact: true }).inputValue();
  expect(newUrl).not.toBe(url);
  expect((await postGithub(url, githubIssueEvent("edited", 7, { title: "Old URL" }), secret)).status).toBe(404);
  expect((await postGithub(newUrl, githubIssueEvent("edited", 7, { title: "New URL", updatedAt: new Date(Date.now() + 1000) }), newSecret)).status).toBe(202);
  await panel.getByRole("button", { name: "I have saved it" }).click();

  // Delete.
  await inbound.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete webhook" }).click();
  await expect(inbound.getByText("Add one to receive issue updates from your assigned Issue Integration.")).toBeVisible();
  expect((await postGithub(newUrl, githubIssueEvent("edited", 7, { title: "Deleted" }), newSecret)).status).toBe(404);

  // Azure DevOps: a form for the Basic credentials.
  await page.goto(`/projects/${project.id}/settings/integrations`);
  await page.getByRole("radio", { name: /Azure DevOps/ }).check();
  await page.getByLabel("Organization", { exact: true }).fill("acme");
  await page.getByRole("textbox", { name: "Project", exact: true }).fill("Checkout");
  await page.getByRole("button", { name: "Switch to Azure DevOps" }).click();
  await expect(page.getByTestId("inbound-consequence")).toHaveCount(0);
  await page.getByRole("button", { name: "Switch to Azure DevOps" }).last().click();
  await expect(page.getByText(/Connected to/)).toContainText("Azure DevOps");
  await page.goto(webhooksPage);
  await inbound.getByRole("button", { name: "Add inbound webhook" }).click();
  await inbound.getByLabel("Username", { exact: true }).fill("ado-hook");
  await inbound.getByLabel("Password", { exact: true }).fill("short");
  await inbound.getByRole("button", { name: "Create webhook" }).click();
  await expect(inbound.getByText("Use at least 12 characters.")).toBeVisible();
  await inbound.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await shot(page, "inbound-ado-form");
  await inbound.getByRole("button", { name: "Create webhook" }).click();
  await expect(panel.getByLabel("Username", { exact: true })).toHaveValue("ado-hook");
  await expect(panel.getByText("Work item created")).toBeVisible();
  const adoUrl = await panel.getByLabel("Webhook URL", { exact: true }).inputValue();
  const res = await fetch(adoUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("ado-hook:a-long-enough-password").toString("base64")}` },
    body: JSON.stringify({ id: "e2e-ado-1", eventType: "workitem.created", resource: { id: 9, rev: 1, fields: { "System.TeamProject": "Checkout", "System.Title": "From ADO", "System.State": "New" } } }),
  });
  expect(res.status).toBe(202);
  await shot(page, "inbound-ado-revealed");
});

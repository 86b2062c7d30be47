// Issue 16 item 7: an admin's webhook changes appear in the audit log in plain words; members are
// neither offered the page nor let in.
import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, createProject, signIn } from "./helpers";
import { createOutboundWebhook } from "./webhooks-helpers";

test("an admin changes a webhook and sees it in the audit log, filtered by kind", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Audit: webhooks");
  const { webhook } = await createOutboundWebhook(page.request, project.id, { name: "Slack alerts", url: "http://127.0.0.1:9/hook", events: ["issue.created"] });
  expect((await page.request.patch(`/api/v1/projects/${project.id}/webhooks/outbound/${webhook.id}`, { data: { name: "Team alerts" } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/projects/${project.id}/webhooks/outbound/${webhook.id}/rotate`)).status()).toBe(200);

  await page.goto(`/projects/${project.id}/issues`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const entries = page.getByRole("list", { name: "Audit log entries" });
  await expect(entries.getByRole("listitem")).toHaveCount(3);
  await expect(entries.getByRole("listitem").nth(0)).toContainText("rotated the signing secret of “Team alerts”");
  await expect(entries.getByRole("listitem").nth(1)).toContainText("edited the webhook “Team alerts” (name)");
  await expect(entries.getByRole("listitem").nth(2)).toContainText("created the webhook “Team alerts”");
  await expect(entries.getByRole("listitem").nth(0)).toContainText(/ago/);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `test-results/members/30-audit-log-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel("Kind").click();
  await page.getByRole("option", { name: "Signing secrets" }).click();
  await expect(page).toHaveURL(/action=secrets/);
  await expect(entries.getByRole("listitem")).toHaveCount(1);
  await expect(entries).toContainText("rotated the signing secret");
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(entries.getByRole("listitem")).toHaveCount(3);
});

test("a member is not offered the audit log and cannot open it", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  const project = await createProject(admin.request, "Audit: access");
  expect((await admin.request.post(`/api/v1/projects/${project.id}/members`, { data: { email: MEMBER.email, role: "member" } })).status()).toBe(201);

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, MEMBER);
  await member.goto(`/projects/${project.id}/issues`);
  await expect(member.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(member.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await member.goto(`/projects/${project.id}/settings/audit`);
  await expect(member.getByRole("heading", { name: "Admins only" })).toBeVisible();
  expect((await member.request.get(`/api/v1/projects/${project.id}/audit`)).status()).toBe(403);
  await Promise.all([adminContext.close(), memberContext.close()]);
});

test("older entries load with Show older entries, unfiltered and filtered", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Audit: pages");
  const { webhook } = await createOutboundWebhook(page.request, project.id, { name: "Hook 0", url: "http://127.0.0.1:9/hook", events: ["issue.created"] });
  // 52 entries: the creation and 51 edits, one more page than the 50 the page shows first.
  for (let i = 1; i <= 51; i++) {
    expect((await page.request.patch(`/api/v1/projects/${project.id}/webhooks/outbound/${webhook.id}`, { data: { name: `Hook ${i}` } })).status()).toBe(200);
  }
  await page.goto(`/projects/${project.id}/settings/audit`);
  const entries = page.getByRole("list", { name: "Audit log entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(50);
  await page.getByRole("button", { name: "Show older entries" }).click();
  await expect(entries).toHaveCount(52);
  await expect(entries.last()).toContainText("created the webhook");
  await expect(page.getByRole("button", { name: "Show older entries" })).toHaveCount(0);

  await page.getByLabel("Kind").click();
  await page.getByRole("option", { name: "Outbound webhooks" }).click();
  await expect(page).toHaveURL(/action=/);
  await expect(entries).toHaveCount(50);
  await page.getByRole("button", { name: "Show older entries" }).click();
  await expect(entries).toHaveCount(52);
});

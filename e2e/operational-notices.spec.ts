// Issue 16, "Must show": a webhook driven to Disabled produces `webhook.disabled` at a second,
// subscribed webhook, and the project's admins see it under the bell in the app shell.
import { expect, test } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";
import { Receiver } from "./webhooks-receiver";
import { createOutboundWebhook, createTestRuns } from "./webhooks-helpers";

test("a webhook driven to Disabled alerts the subscribed webhook and rings the admins' bell", async ({ page }) => {
  test.setTimeout(120_000);
  const failing = await Receiver.start();
  failing.status = 500;
  const alerts = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Ops: notices");
    const name = `Dying ${Date.now().toString(36)}`;
    const { webhook } = await createOutboundWebhook(page.request, project.id, { name, url: failing.url, events: ["test_run.created"] });
    await createOutboundWebhook(page.request, project.id, { name: "Alerts channel", url: alerts.url, events: ["webhook.disabled"] });

    // Ten runs: ten first attempts fail at once, which disables the webhook (DISABLED_AFTER).
    await createTestRuns(page.request, project.id, 10, "Doomed");
    await expect.poll(() => alerts.requests.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const event = JSON.parse(alerts.requests[0].body);
    expect(event).toMatchObject({ type: "webhook.disabled", project: { id: project.id }, data: { webhook: { id: webhook.id, name, health: "disabled" } } });
    expect(alerts.requests[0].headers["x-switchyard-event"]).toBe("webhook.disabled");
    expect(failing.requests.every((r) => JSON.parse(r.body).type === "test_run.created")).toBe(true);

    await page.goto(`/projects/${project.id}`);
    const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible({ timeout: 20_000 });
    await bell.click();
    const notice = page.getByRole("menuitem", { name: new RegExp(`Webhook “${name}” was disabled`) });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Ops: notices");
    await page.screenshot({ path: "test-results/ops/bell-1280.png" });

    await expect(notice).toContainText("(unread)");
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
    await expect(notice).not.toContainText("(unread)");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Notifications", exact: true }).click();
    await expect(notice).toBeVisible();
    await page.screenshot({ path: "test-results/ops/bell-390.png" });

    await notice.click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/settings/webhooks`));
  } finally {
    await failing.close();
    await alerts.close();
  }
});

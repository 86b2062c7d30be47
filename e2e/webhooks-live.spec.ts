// Issue 13, "Must show": the Deliveries list and drawer update by themselves (bulk replay turns rows
// Succeeded, a new event appears behind "N new"), Retry now, Recover since a time re-sends exactly the
// failed ones, search finds a delivery by its webhook-id, a Send Test leaves health alone, the
// reveal-once confirmation, and the phone layout.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";
import { Receiver } from "./webhooks-receiver";
import { allDeliveries, createOutboundWebhook, createTestRuns, shot } from "./webhooks-helpers";

const deliveriesPage = (projectId: string, query = "") => `/projects/${projectId}/settings/webhooks/deliveries${query}`;

/** Cancels the retries of every retrying delivery of the project, so nothing is re-sent behind the test's back. */
async function cancelRetries(page: Page, projectId: string) {
  for (const d of await allDeliveries(page.request, projectId, "status=failed")) {
    // 409 while an attempt is in flight: ask again once it has been recorded.
    await expect.poll(async () => (await page.request.post(`/api/v1/projects/${projectId}/deliveries/${d.id}/cancel`)).status(), { timeout: 30_000 }).toBe(200);
  }
}

test("the list is live: bulk replay turns rows Succeeded, a new event waits behind “N new”, Retry now and search", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: live list");
    await createOutboundWebhook(page.request, project.id, { name: "Flaky", url: receiver.url, events: ["test_run.created"] });
    receiver.status = 503;
    await createTestRuns(page.request, project.id, 3, "Failing");
    await expect.poll(async () => (await allDeliveries(page.request, project.id, "status=failed")).length, { timeout: 30_000 }).toBe(3);
    await cancelRetries(page, project.id);

    await page.goto(deliveriesPage(project.id));
    await expect(page.getByTestId("delivery-row")).toHaveCount(3);
    await expect(page.getByTestId("delivery-row").first()).toContainText("Dead");
    await shot(page, "40-live-dead");

    // Bulk replay: the copies appear at the top and turn Succeeded without a reload.
    receiver.status = 200;
    await page.getByLabel("Select all on this page").click();
    await page.getByRole("button", { name: "Replay selected" }).click();
    await expect(page.getByText("3 deliveries enqueued for replay.").first()).toBeVisible();
    await expect(page.getByTestId("delivery-row")).toHaveCount(6);
    await expect(page.locator('[data-testid="delivery-row"][data-status="succeeded"]')).toHaveCount(3, { timeout: 30_000 });
    await shot(page, "41-live-replayed");

    // A new event while the list is open: it waits behind a button, the list does not move.
    const firstBefore = await page.getByTestId("delivery-row").first().getAttribute("data-delivery-id");
    await createTestRuns(page.request, project.id, 1, "Fresh");
    await expect(page.getByTestId("show-new-deliveries")).toHaveText(/1 new delivery/, { timeout: 30_000 });
    expect(await page.getByTestId("delivery-row").first().getAttribute("data-delivery-id")).toBe(firstBefore);
    await shot(page, "42-live-new-waiting");
    await page.getByTestId("show-new-deliveries").click();
    await expect(page.getByTestId("delivery-row")).toHaveCount(7);
    await expect(page.getByTestId("show-new-deliveries")).toHaveCount(0);

    // Retry now on a dead delivery, from its drawer: the drawer follows the status by itself.
    const dead = (await allDeliveries(page.request, project.id, "status=dead"))[0];
    await page.goto(deliveriesPage(project.id, `?delivery=${dead.id}`));
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByTestId("drawer-status")).toContainText("Dead");
    await drawer.getByRole("button", { name: "Retry now" }).click();
    await expect(drawer.getByTestId("drawer-status")).toContainText("Succeeded", { timeout: 30_000 });
    await expect(drawer.getByTestId("delivery-attempt").first()).toContainText("HTTP 200 OK");
    await shot(page, "43-retried-now", false);
    await drawer.getByRole("button", { name: "Close" }).click();
    await expect(page).not.toHaveURL(/delivery=/);

    // Search by the webhook-id a receiver saw.
    const seen = receiver.requests.at(-1)!;
    const webhookId = String(seen.headers["webhook-id"]);
    await page.getByLabel("Search", { exact: true }).fill(webhookId);
    await page.getByRole("button", { name: "Search deliveries" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${webhookId}`));
    const expected = (await allDeliveries(page.request, project.id)).filter((d) => d.event_id === webhookId);
    await expect(page.getByTestId("delivery-row")).toHaveCount(expected.length);
    await shot(page, "44-search");
  } finally {
    await receiver.close();
  }
});

test("Recover since a time re-sends exactly the failed deliveries; Send Test leaves health alone", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: recover");
    const { webhook } = await createOutboundWebhook(page.request, project.id, { name: "Archive", url: receiver.url, events: ["test_run.created"] });

    // Send Test to a failing receiver: one attempt, the card still reads "No deliveries yet".
    receiver.status = 500;
    await page.goto(`/projects/${project.id}/settings/webhooks`);
    const card = page.getByTestId("outbound-webhook-card");
    await expect(card.getByTestId("health-badge")).toContainText("No deliveries yet");
    await card.getByRole("button", { name: "Send Test" }).click();
    await expect(page.getByText("Test failed", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(card.getByTestId("last-test")).toContainText("Failed");
    await expect(card.getByTestId("health-badge")).toContainText("No deliveries yet");
    expect(receiver.requests).toHaveLength(1);
    await shot(page, "45-test-failed-health-unchanged");

    receiver.status = 200;
    await createTestRuns(page.request, project.id, 2, "Fine");
    await receiver.waitForCount(3);
    receiver.status = 500;
    await createTestRuns(page.request, project.id, 3, "Lost");
    await expect.poll(async () => (await allDeliveries(page.request, project.id, "status=failed")).length, { timeout: 30_000 }).toBe(3);
    await cancelRetries(page, project.id);
    const failedIds = new Set((await allDeliveries(page.request, project.id, "status=dead")).filter((d) => d.event_type === "test_run.created").map((d) => d.event_id));
    expect(failedIds.size).toBe(3);
    const sentBefore = receiver.requests.length;

    receiver.status = 200;
    await page.reload();
    await card.getByRole("button", { name: "Recover" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("recover-count")).toHaveText("3 failed deliveries will be sent again.");
    await shot(page, "46-recover-confirm", false);
    await dialog.getByRole("button", { name: "Re-send 3 deliveries" }).click();
    await expect(page.getByText("3 deliveries re-sent").first()).toBeVisible();
    await receiver.waitForCount(sentBefore + 3);
    const resent = receiver.requests.slice(sentBefore).map((r) => String(r.headers["webhook-id"]));
    expect(new Set(resent)).toEqual(failedIds);
    // Nothing else goes out, and the card's recent deliveries follow by themselves.
    await expect(card.getByTestId("recent-deliveries").getByText("Succeeded")).toHaveCount(5, { timeout: 30_000 });
    expect(receiver.requests.length).toBe(sentBefore + 3);
    await card.getByRole("link", { name: `All deliveries of ${webhook.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`webhook=${webhook.id}`));
    await shot(page, "47-recovered");
  } finally {
    await receiver.close();
  }
});

test("the reveal-once panel asks before it is closed uncopied; a webhook needs an event; the phone layout", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const receiver = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: reveal once");
    await page.goto(`/projects/${project.id}/settings/webhooks`);
    await page.getByRole("button", { name: "Add Webhook" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Signed receiver");
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("Choose at least one event: a webhook without events is never called.")).toBeVisible();
    await shot(page, "48-form-needs-event", false);
    await dialog.getByRole("checkbox", { name: "test_run.created" }).check();
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByTestId("reveal-once-panel")).toBeVisible();

    // Esc before Copy: asked first; "Keep it open" keeps the secret on screen. (The first Esc dismisses
    // the "added" toast, which is the topmost layer.)
    const toast = page.getByText('Webhook "Signed receiver" added').first();
    await expect(toast).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(toast).toHaveCount(0);
    await page.keyboard.press("Escape");
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("Close without copying the secret?");
    await shot(page, "49-reveal-confirm", false);
    await confirm.getByRole("button", { name: "Keep it open" }).click();
    await expect(page.getByTestId("reveal-once-panel")).toBeVisible();
    // ✕ asks too.
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await page.getByRole("alertdialog").getByRole("button", { name: "Keep it open" }).click();
    // After Copy, closing does not ask.
    await page.getByRole("button", { name: "Copy Signing secret" }).click();
    await expect(page.getByRole("button", { name: "Copy Signing secret" })).toContainText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^whsec_/);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    // The phone: the list stacks event, webhook, status and time in each row.
    await createTestRuns(page.request, project.id, 3, "Phone");
    await receiver.waitForCount(3);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(deliveriesPage(project.id));
    const row = page.getByTestId("delivery-row").first();
    await expect(row).toContainText("test_run.created");
    await expect(row).toContainText("Signed receiver");
    await expect(row).toContainText("Succeeded");
    await expect(row.locator("time:visible")).toHaveCount(1);
    const box = (await row.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, "50-deliveries-390px");
  } finally {
    await receiver.close();
  }
});

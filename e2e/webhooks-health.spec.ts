// Issue 5, "Must show": a receiver answering 500 turns the badge Degraded after 5 failed attempts
// and Disabled after 10; Re-enable with the receiver fixed → Healthy, and the parked deliveries arrive.
import { expect, test } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";
import { Receiver } from "./webhooks-receiver";
import { allDeliveries, createOutboundWebhook, createTestRuns, reloadUntil, shot, webhookJson } from "./webhooks-helpers";

test("a failing receiver degrades then disables the webhook; re-enabling delivers what was parked", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await Receiver.start();
  receiver.status = 500;
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: health");
    const { webhook } = await createOutboundWebhook(page.request, project.id, { name: "Flaky", url: receiver.url, events: ["test_run.created"] });
    await page.goto(`/projects/${project.id}/settings/webhooks`);
    const badge = page.getByTestId("outbound-webhook-card").getByTestId("health-badge");
    await expect(badge).toContainText("No deliveries yet"); // nothing attempted: not "Healthy" yet

    // Each delivery fails its first attempt at once and its first retry ~5 s later (the next one
    // waits 30 s): 3 runs give 6 failed attempts, past the Degraded threshold and short of Disabled.
    await createTestRuns(page.request, project.id, 3, "Failing");
    await receiver.waitForCount(6);
    await reloadUntil(page, () => expect(badge).toContainText("Degraded", { timeout: 2_000 }));
    expect((await webhookJson(page.request, project.id, webhook.id)).consecutive_failures).toBeGreaterThanOrEqual(5);
    await badge.hover();
    await expect(page.getByRole("tooltip")).toContainText("Last failure");
    await expect(page.getByTestId("degraded-explanation")).toContainText("(10 in all) and Switchyard disables the webhook");
    await shot(page, "10-degraded");

    await createTestRuns(page.request, project.id, 4, "More failing");
    await reloadUntil(page, () => expect(badge).toContainText("Disabled", { timeout: 2_000 }));
    expect((await webhookJson(page.request, project.id, webhook.id)).consecutive_failures).toBeGreaterThanOrEqual(10);
    await expect(page.getByText("Disabled after 10 failed attempts in a row")).toBeVisible();
    await shot(page, "11-disabled");

    // While disabled, new deliveries are parked, not sent.
    receiver.status = 200;
    const parked = await createTestRuns(page.request, project.id, 2, "Parked");
    await expect
      .poll(async () => (await allDeliveries(page.request, project.id, "status=paused")).length)
      .toBeGreaterThanOrEqual(2);
    expect(receiver.requests.some((r) => r.body.includes(parked[0]))).toBe(false);

    await page.getByRole("button", { name: "Re-enable" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("resets the failure counter");
    await expect(confirm).toContainText("disabled again automatically");
    await shot(page, "12-reenable-confirm");
    await confirm.getByRole("button", { name: "Re-enable" }).click();
    await expect(confirm).toHaveCount(0);

    for (const name of parked) {
      await expect.poll(() => receiver.requests.some((r) => r.body.includes(`"${name}"`)), { timeout: 30_000 }).toBe(true);
    }
    await reloadUntil(page, () => expect(badge).toContainText("Healthy", { timeout: 2_000 }));
    await shot(page, "13-healthy-again");
  } finally {
    await receiver.close();
  }
});

// Issue 5, "Must show": Deliveries filter (kept in the URL), the drawer, replay one (the new row is
// linked to the original), bulk replay of 100, and 101 refused with nothing enqueued.
import { expect, test } from "@playwright/test";
import { ADMIN, createProject, signIn } from "./helpers";
import { Receiver } from "./webhooks-receiver";
import { allDeliveries, createOutboundWebhook, createTestRuns, shot } from "./webhooks-helpers";

test("filter, drawer, replay one, bulk replay 100 and refuse 101", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: deliveries");
    await createOutboundWebhook(page.request, project.id, { name: "Archive", url: receiver.url, events: ["test_run.created"] });
    await createTestRuns(page.request, project.id, 102, "Nightly");
    await expect
      .poll(async () => (await allDeliveries(page.request, project.id, "status=succeeded")).length, { timeout: 60_000 })
      .toBe(102);

    const base = `/projects/${project.id}/settings/webhooks/deliveries`;
    await page.goto(base);
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    await shot(page, "20-deliveries");

    // Filter through the UI; the filter lands in the URL and survives a reload.
    await page.getByLabel("Outcome").click();
    await page.getByRole("option", { name: "Succeeded" }).click();
    await expect(page).toHaveURL(/status=succeeded/);
    await page.getByLabel("Direction").click();
    await page.getByRole("option", { name: "Inbound" }).click();
    await expect(page).toHaveURL(/direction=inbound/);
    await expect(page.getByText("No deliveries match these filters")).toBeVisible();
    await page.getByLabel("Direction").click();
    await page.getByRole("option", { name: "Outbound" }).click();
    await expect(page).toHaveURL(/direction=outbound/);
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Outcome")).toContainText("Succeeded");
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    await shot(page, "21-filtered");

    // The drawer: payload, headers with signatures redacted, attempts, then Replay.
    const firstRow = page.getByTestId("delivery-row").first();
    const originalId = (await firstRow.getAttribute("data-delivery-id"))!;
    await firstRow.getByRole("button", { name: "test_run.created" }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer).toContainText(originalId);
    await expect(drawer.getByTestId("delivery-body")).toContainText('"type":"test_run.created"'); // the exact bytes sent
    await expect(drawer.getByTestId("delivery-attempt")).toContainText("HTTP 200");
    await expect(drawer).toContainText("webhook-signature");
    await expect(drawer).not.toContainText("v1,");
    await expect(page).toHaveURL(new RegExp(`delivery=${originalId}`));
    await shot(page, "22-drawer", false);
    await drawer.getByTestId("delivery-attempt").first().scrollIntoViewIfNeeded();
    await shot(page, "22b-drawer-attempts", false);
    await drawer.getByRole("button", { name: "Replay", exact: true }).scrollIntoViewIfNeeded();
    await drawer.getByRole("button", { name: "Replay", exact: true }).click();
    await expect(drawer.getByRole("button", { name: originalId })).toBeVisible(); // "Replay of <original>"
    await expect(drawer).toContainText("Replay of");
    const replayId = new URL(page.url()).searchParams.get("delivery")!;
    expect(replayId).not.toBe(originalId);
    await shot(page, "23-replayed", false);
    await drawer.getByRole("button", { name: originalId }).click();
    await expect(drawer).toContainText("Replayed as");
    await expect(drawer.getByRole("button", { name: replayId })).toBeVisible();
    // (Escape would first dismiss the "Replay enqueued" toast, which is the topmost layer.)
    await drawer.getByRole("button", { name: "Close" }).click();
    await expect(drawer).toHaveCount(0);
    await expect(page).not.toHaveURL(/delivery=/);
    const afterOne = await allDeliveries(page.request, project.id);
    expect(afterOne.find((d) => d.id === replayId)?.replay_of).toBe(originalId);

    // Bulk: load everything (103 rows now), select all on the page → more than 100 → refused.
    await page.goto(`${base}?direction=outbound`);
    while (await page.getByRole("button", { name: "Load more" }).isVisible()) {
      await page.getByRole("button", { name: "Load more" }).click();
      await expect(page.getByRole("button", { name: "Load more" }).or(page.getByText("That is all of them."))).toBeEnabled();
    }
    await expect(page.getByTestId("delivery-row")).toHaveCount(103);
    await page.getByLabel("Select all on this page").click();
    const rows = page.getByTestId("delivery-row");
    await rows.nth(0).getByRole("checkbox").click();
    await rows.nth(1).getByRole("checkbox").click();
    await expect(page.getByText("101 selected")).toBeVisible();
    await expect(page.getByTestId("bulk-plan")).toContainText("at most 100");
    await expect(page.getByRole("button", { name: "Replay selected" })).toBeDisabled();
    await shot(page, "24-bulk-101-refused");
    // The API refuses 101 too, and enqueues nothing.
    const ids = (await allDeliveries(page.request, project.id)).slice(0, 101).map((d) => d.id);
    const refused = await page.request.post(`/api/v1/projects/${project.id}/deliveries/replay`, { data: { ids } });
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(refused.status()).toBeLessThan(500);
    expect(await allDeliveries(page.request, project.id)).toHaveLength(103);

    await rows.nth(2).getByRole("checkbox").click();
    await expect(page.getByText("100 selected")).toBeVisible();
    await page.getByRole("button", { name: "Replay selected" }).click();
    await expect(page.getByText("100 deliveries enqueued for replay.").first()).toBeVisible();
    await shot(page, "25-bulk-100-done");
    await expect.poll(async () => (await allDeliveries(page.request, project.id)).filter((d) => d.replay_of).length).toBe(101);

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "26-deliveries-390px", false);
    await page.getByTestId("delivery-row").first().getByRole("button").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await shot(page, "27-drawer-390px", false);
  } finally {
    await receiver.close();
  }
});

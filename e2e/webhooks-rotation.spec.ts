// Issue 5, "Must show": after Rotate the receiver verifies with the old and the new secret during
// the window; Extend works once; Retire now → only the new secret verifies.
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ADMIN, createProject, signIn } from "./helpers";
import { Receiver, type Received } from "./webhooks-receiver";
import { createOutboundWebhook, shot } from "./webhooks-helpers";

function verifies(secret: string, r: Received): boolean {
  try {
    new Webhook(secret).verify(r.body, {
      "webhook-id": String(r.headers["webhook-id"]),
      "webhook-timestamp": String(r.headers["webhook-timestamp"]),
      "webhook-signature": String(r.headers["webhook-signature"]),
    });
    return true;
  } catch {
    return false;
  }
}

async function sendTest(page: Page, receiver: Receiver): Promise<Received> {
  const before = receiver.requests.length;
  const card = page.getByTestId("outbound-webhook-card");
  await card.getByRole("button", { name: "Send Test" }).click();
  const all = await receiver.waitForCount(before + 1);
  await expect(card.getByRole("button", { name: "Send Test" })).toBeEnabled({ timeout: 30_000 });
  return all[all.length - 1];
}

test("rotation signs with both secrets until the old one retires; Extend works once", async ({ page }) => {
  const receiver = await Receiver.start();
  try {
    await signIn(page, ADMIN);
    const project = await createProject(page.request, "Webhooks: rotation");
    const { webhook, secret: oldSecret } = await createOutboundWebhook(page.request, project.id, { name: "Signed", url: receiver.url, events: ["case.created"] });
    await page.goto(`/projects/${project.id}/settings/webhooks`);
    const card = page.getByTestId("outbound-webhook-card");

    const first = await sendTest(page, receiver);
    expect(verifies(oldSecret!, first)).toBe(true);

    await card.getByRole("button", { name: "Rotate Secret" }).click();
    await shot(page, "14-rotate-confirm");
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const newSecret = await card.getByRole("textbox", { name: "New signing secret" }).inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    await expect(card.getByTestId("retiring-secret")).toContainText("retires in");
    await shot(page, "15-rotated-secret");
    await card.getByRole("button", { name: "I have saved it" }).click();
    await expect(card.getByRole("textbox", { name: "New signing secret" })).toHaveCount(0);

    const during = await sendTest(page, receiver);
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifies(oldSecret!, during)).toBe(true);
    expect(verifies(newSecret, during)).toBe(true);

    await card.getByRole("button", { name: "Extend" }).click();
    await expect(card.getByTestId("retiring-secret")).toContainText("Already extended once");
    await expect(card.getByRole("button", { name: "Extend" })).toHaveCount(0);
    const extend = await page.request.post(`/api/v1/projects/${project.id}/webhooks/outbound/${webhook.id}/extend`);
    expect(extend.status()).toBeGreaterThanOrEqual(400);
    await shot(page, "16-extended-once");

    await card.getByRole("button", { name: "Retire now" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Retire now" }).click();
    await expect(card.getByTestId("retiring-secret")).toHaveCount(0);
    await shot(page, "17-retired");

    const after = await sendTest(page, receiver);
    expect(verifies(newSecret, after)).toBe(true);
    expect(verifies(oldSecret!, after)).toBe(false);
  } finally {
    await receiver.close();
  }
});

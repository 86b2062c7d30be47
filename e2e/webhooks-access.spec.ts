// Issue 5, "Must show": a member cannot see or reach any of the webhook settings; anonymous
// visitors are sent to sign in.
import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, createProject, signIn } from "./helpers";
import { createOutboundWebhook, shot } from "./webhooks-helpers";

test("a member gets the admins-only page and 403s; anonymous visitors are sent to sign in", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  const project = await createProject(admin.request, "Webhooks: access");
  const add = await admin.request.post(`/api/v1/projects/${project.id}/members`, { data: { email: MEMBER.email, role: "member" } });
  expect(add.status(), await add.text()).toBe(201);
  const { webhook } = await createOutboundWebhook(admin.request, project.id, { name: "Top secret hook", url: "http://127.0.0.1:9/hook", events: ["case.created"] });

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, MEMBER);
  for (const path of ["settings/webhooks", "settings/webhooks/deliveries"]) {
    await member.goto(`/projects/${project.id}/${path}`);
    await expect(member.getByRole("heading", { name: "Admins only" })).toBeVisible();
    await expect(member.getByText("Top secret hook")).toHaveCount(0);
    await expect(member.getByRole("button", { name: "Add Webhook" })).toHaveCount(0);
  }
  await shot(member, "30-member-admins-only");
  for (const [method, path] of [
    ["GET", "webhooks"],
    ["GET", "deliveries"],
    ["POST", `webhooks/outbound/${webhook.id}/test`],
    ["POST", `webhooks/outbound/${webhook.id}/rotate`],
    ["POST", "deliveries/replay"],
  ] as const) {
    const res = await member.request.fetch(`/api/v1/projects/${project.id}/${path}`, { method, data: path === "deliveries/replay" ? { ids: ["dlv_x"] } : undefined });
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect(await res.text()).not.toContain("Top secret hook");
  }

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(`/projects/${project.id}/settings/webhooks`);
  await expect(visitor).toHaveURL(/\/login/);
  // …and after signing in they land where they were going.
  expect(new URL(visitor.url()).searchParams.get("callbackUrl")).toBe(`/projects/${project.id}/settings/webhooks`);
  await visitor.getByLabel("Email").fill(ADMIN.email);
  await visitor.getByLabel("Password").fill(ADMIN.password);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/projects/${project.id}/settings/webhooks$`));
  await Promise.all([adminContext.close(), memberContext.close(), anonymous.close()]);
});

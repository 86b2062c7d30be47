// Issue 13 item 7: invitations end to end in two browser contexts, role changes that confirm, and
// the last-admin rule's disabled choices with their reason.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, MEMBER, createProject, signIn } from "./helpers";

async function shot(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `test-results/members/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an admin invites an email without an account; the invitee sets a password and lands in the project as a member", async ({ browser }) => {
  const adminContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  const project = await createProject(admin.request, "Members: invitations");
  const email = `invitee-${Date.now()}@example.test`;

  await admin.goto(`/projects/${project.id}/settings/members`);
  await admin.getByLabel("Email").fill(email);
  await admin.getByRole("button", { name: "Add or invite" }).click();
  const panel = admin.getByTestId("reveal-once-panel");
  await expect(panel.getByRole("heading", { name: "Invitation link" })).toBeVisible();
  await expect(panel.getByText(`Send it to ${email}.`)).toBeVisible();
  await panel.getByRole("button", { name: "Copy Invitation link" }).click();
  await expect(panel.getByText("Copied")).toBeVisible();
  const link = await admin.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/invite\/inv_[0-9a-z]+\.[A-Za-z0-9_-]+$/);
  const pending = admin.getByRole("list", { name: "Pending invitations" });
  await expect(pending.getByText(email)).toBeVisible();
  await expect(pending.getByText("Pending")).toBeVisible();
  await shot(admin, "10-invitation-link");
  await panel.getByRole("button", { name: "I have saved it" }).click();

  // The invitee, signed out in another browser context.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Members: invitations" })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await invitee.getByLabel("Your name").fill("Ivy Invitee");
  await invitee.getByLabel("Password", { exact: true }).fill("ivy-password-1");
  await invitee.getByLabel("Password again").fill("ivy-password-2");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByText("The two passwords differ.")).toBeVisible();
  await shot(invitee, "11-invite-page");
  await invitee.getByLabel("Password", { exact: true }).fill("ivy-password-1");
  await invitee.getByLabel("Password again").fill("ivy-password-1");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/projects/${project.id}`));

  // Signed in as a member: the admin-only settings are not offered.
  const nav = invitee.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  for (const name of ["Integrations", "Webhooks", "Project", "Audit log"]) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  await nav.getByRole("link", { name: "Members" }).click();
  const members = invitee.getByRole("list", { name: "Members" });
  await expect(members.getByText("Ivy Invitee")).toBeVisible();
  await expect(members.locator("li", { hasText: "Ivy Invitee" }).getByText("Member", { exact: true })).toBeVisible();

  // The link works once.
  const again = await browser.newContext();
  const reuse = await again.newPage();
  await reuse.goto(link);
  await expect(reuse.getByText("This invitation has already been used.")).toBeVisible();

  await admin.reload();
  await expect(admin.getByRole("list", { name: "Members" }).getByText("Ivy Invitee")).toBeVisible();
  await expect(admin.getByText("No pending invitations.")).toBeVisible();
  await Promise.all([adminContext.close(), inviteeContext.close(), again.close()]);
});

test("invited to two projects, the invitee creates the account with one link and joins with the other in one click", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  const email = `twice-${Date.now()}@example.test`;
  const links: string[] = [];
  for (const name of ["Members: first", "Members: second"]) {
    const project = await createProject(admin.request, name);
    const res = await admin.request.post(`/api/v1/projects/${project.id}/invitations`, { data: { email, role: "member" } });
    expect(res.status()).toBe(201);
    links.push((await res.json()).link);
  }
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(links[0]);
  await invitee.getByLabel("Your name").fill("Tess Twice");
  await invitee.getByLabel("Password", { exact: true }).fill("tess-password");
  await invitee.getByLabel("Password again").fill("tess-password");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByRole("button", { name: /Members: first/ })).toBeVisible();

  await invitee.goto(links[1]);
  await invitee.getByRole("button", { name: "Join Members: second" }).click();
  await expect(invitee.getByRole("button", { name: /Members: second/ })).toBeVisible();
  await Promise.all([adminContext.close(), inviteeContext.close()]);
});

test("an admin revokes a pending invitation and its link stops working", async ({ browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN);
  const project = await createProject(admin.request, "Members: revoke");
  const res = await admin.request.post(`/api/v1/projects/${project.id}/invitations`, { data: { email: `revoked-${Date.now()}@example.test`, role: "admin" } });
  const { invitation, link } = await res.json();
  await admin.goto(`/projects/${project.id}/settings/members`);
  await admin.getByRole("button", { name: `Revoke the invitation for ${invitation.email}` }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByText("No pending invitations.")).toBeVisible();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByText("This invitation was withdrawn.")).toBeVisible();
  await context.close();
});

test("a role change asks first; the sole admin cannot pick Member or Leave, and sees why", async ({ browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN);
  const project = await createProject(admin.request, "Members: roles");
  expect((await admin.request.post(`/api/v1/projects/${project.id}/members`, { data: { email: MEMBER.email, role: "member" } })).status()).toBe(201);
  await admin.goto(`/projects/${project.id}/settings/members`);
  const list = admin.getByRole("list", { name: "Members" });
  const me = list.locator("li", { hasText: "(you)" });
  const reason = "You can't demote the project's last admin. Make someone else an admin first.";
  await expect(me.getByText(reason)).toBeVisible();
  await expect(me.getByRole("button", { name: "Leave" })).toBeDisabled();
  await me.getByRole("combobox").click();
  await expect(admin.getByRole("option", { name: "Member" })).toHaveAttribute("data-disabled", "");
  await shot(admin, "20-sole-admin");
  await admin.keyboard.press("Escape");

  const other = list.locator("li", { hasText: MEMBER.email });
  await other.getByRole("combobox").click();
  await admin.getByRole("option", { name: "Admin" }).click();
  const dialog = admin.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: /an admin\?$/ })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(other.getByRole("combobox")).toHaveText("Member");

  await other.getByRole("combobox").click();
  await admin.getByRole("option", { name: "Admin" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Make admin" }).click();
  await expect(other.getByRole("combobox")).toHaveText("Admin");
  // Two admins now: nothing is refused any more.
  await expect(me.getByText(reason)).toHaveCount(0);
  await expect(me.getByRole("button", { name: "Leave" })).toBeEnabled();
  await context.close();
});

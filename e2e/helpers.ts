// Shared steps for browser specs.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

export const ADMIN = { email: "admin@example.com", password: "switchyard-admin" };
export const MEMBER = { email: "member@example.com", password: "switchyard-member" };

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The test server's database URL (written by scripts/run.ts), for rigs that need a second server. */
export function e2eDatabaseUrl(): string {
  return readFileSync(`${process.env.E2E_DATA_DIR ?? ".data-e2e"}/database-url`, "utf8").trim();
}

/** A fresh project owned by the signed-in admin, so specs running in parallel don't collide. */
export async function createProject(request: APIRequestContext, name: string): Promise<{ id: string; name: string }> {
  const res = await request.post("/api/v1/projects", { data: { name } });
  expect(res.status()).toBe(201);
  return (await res.json()).project;
}

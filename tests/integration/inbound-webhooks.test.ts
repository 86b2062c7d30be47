import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as receipt } from "@/app/api/webhooks/[token]/route";
import { DELETE as removeIntegrationRoute, GET as getIntegrationRoute, PUT as putIntegration } from "@/app/api/v1/projects/[projectId]/integration/route";
import { POST as rotate } from "@/app/api/v1/projects/[projectId]/webhooks/inbound/rotate/route";
import { DELETE as deleteInbound, POST as createInbound } from "@/app/api/v1/projects/[projectId]/webhooks/inbound/route";
import { POST as sendTest } from "@/app/api/v1/projects/[projectId]/webhooks/inbound/test/route";
import { POST as replayDelivery } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/replay/route";
import { sqlClient } from "@/db/client";
import { db } from "@/db/client";
import { deliveries, events, inboundWebhooks, issues } from "@/db/schema";
import { getInboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import { call, makeProject } from "../helpers/factories";
import { ADO_CREDS, githubExample, INTEGRATIONS, trackerHeaders, withInboundWebhook } from "../helpers/inbound";

const asAdmin = async () => {
  const ctx = await makeProject();
  const params = { projectId: ctx.project.id };
  return { ...ctx, params, admin: ctx.admin, as: { token: ctx.admin.token, params } };
};

describe("issue integration", () => {
  it("needs an integration before an inbound webhook can be added, and Simple URL has none", async () => {
    const { as } = await asAdmin();
    const none = await call(createInbound, { ...as, method: "POST", body: {} });
    expect(none.status).toBe(409);
    expect(none.json.detail).toMatch(/Issue Integration is required/);
    await call(putIntegration, { ...as, method: "PUT", body: { provider: "simple_url", url_pattern: "https://tracker.example/{key}" } });
    expect((await call(createInbound, { ...as, method: "POST", body: {} })).status).toBe(409);
  });

  it("validates the provider's settings with field errors", async () => {
    const { as } = await asAdmin();
    const res = await call(putIntegration, { ...as, method: "PUT", body: { provider: "github", repository: "not a repo" } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe("repository");
    expect((await call(putIntegration, { ...as, method: "PUT", body: { provider: "trello" } })).status).toBe(422);
  });

  it("switching the provider deletes the inbound webhook in the same transaction; same provider keeps it", async () => {
    const { as, admin, project } = await asAdmin();
    const hook = await withInboundWebhook(admin.id, project.id, "github");
    const same = await call(putIntegration, { ...as, method: "PUT", body: { provider: "github", repository: "octo/other" } });
    expect(same.json.inbound_webhook_removed).toBe(false);
    expect(await getInboundWebhookSummary(project.id)).not.toBeNull();

    const switched = await call(putIntegration, { ...as, method: "PUT", body: INTEGRATIONS.jira });
    expect(switched.status).toBe(200);
    expect(switched.json).toMatchObject({ integration: { provider: "jira" }, inbound_webhook_removed: true });
    expect(await getInboundWebhookSummary(project.id)).toBeNull();
    const body = JSON.stringify(githubExample("opened"));
    expect((await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("github", body, { secret: hook.secret }) })).status).toBe(404);
  });

  it("removing the integration removes the inbound webhook too", async () => {
    const { as, admin, project } = await asAdmin();
    await withInboundWebhook(admin.id, project.id, "jira");
    const res = await call(removeIntegrationRoute, { ...as, method: "DELETE" });
    expect(res.json).toEqual({ inbound_webhook_removed: true });
    expect((await call(getIntegrationRoute, as)).json).toEqual({ integration: null });
    expect(await getInboundWebhookSummary(project.id)).toBeNull();
  });

  it("is admin only for changes and member-readable", async () => {
    const { member, params } = await asAdmin();
    expect((await call(getIntegrationRoute, { token: member.token, params })).status).toBe(200);
    expect((await call(putIntegration, { token: member.token, params, method: "PUT", body: INTEGRATIONS.github })).status).toBe(403);
    expect((await call(createInbound, { token: member.token, params, method: "POST", body: {} })).status).toBe(403);
  });
});

describe("inbound webhook lifecycle", () => {
  it("creates a GitHub webhook once with URL and secret, then only shows the redacted URL", async () => {
    const { as, project } = await asAdmin();
    await call(putIntegration, { ...as, method: "PUT", body: INTEGRATIONS.github });
    const res = await call(createInbound, { ...as, method: "POST", body: {} });
    expect(res.status).toBe(201);
    expect(res.json.url).toMatch(/\/api\/webhooks\/[A-Za-z0-9_-]{40,}$/);
    expect(res.json.secret).toMatch(/^whsec_/);
    const summary = await getInboundWebhookSummary(project.id);
    expect(summary!.url).toMatch(new RegExp(`/api/webhooks/••••${res.json.url.slice(-4)}$`));
    expect(JSON.stringify(summary)).not.toContain(res.json.secret);
    expect((await call(createInbound, { ...as, method: "POST", body: {} })).status).toBe(409);
  });

  it("creates an Azure DevOps webhook from Basic credentials, and refuses to rotate it", async () => {
    const { as } = await asAdmin();
    await call(putIntegration, { ...as, method: "PUT", body: INTEGRATIONS.azure_devops });
    const missing = await call(createInbound, { ...as, method: "POST", body: { username: "x" } });
    expect(missing.status).toBe(422);
    const res = await call(createInbound, { ...as, method: "POST", body: ADO_CREDS });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ username: ADO_CREDS.username });
    expect(res.json.secret).toBeUndefined();
    expect((await call(rotate, { ...as, method: "POST" })).status).toBe(409);
  });

  it("rotating cuts the old URL off at once and the new secret works", async () => {
    const { as, admin, project } = await asAdmin();
    const hook = await withInboundWebhook(admin.id, project.id, "github");
    // A receipt first, so this process has the old token's credentials cached.
    const before = JSON.stringify(githubExample("opened"));
    expect((await call(receipt, { method: "POST", params: { token: hook.token }, body: before, headers: trackerHeaders("github", before, { secret: hook.secret }) })).status).toBe(202);
    const rotated = await call(rotate, { ...as, method: "POST" });
    expect(rotated.status).toBe(200);
    expect(rotated.json.url).not.toBe(hook.url);
    const body = JSON.stringify(githubExample("edited"));
    const old = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("github", body, { secret: hook.secret }) });
    expect(old.status).toBe(404);
    const unsigned = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: { "x-github-event": "issues" } });
    expect(unsigned.status).toBe(404);
    const token = rotated.json.url.split("/api/webhooks/")[1];
    const oldSecret = await call(receipt, { method: "POST", params: { token }, body, headers: trackerHeaders("github", body, { secret: hook.secret }) });
    expect(oldSecret.status).toBe(401);
    const fresh = await call(receipt, { method: "POST", params: { token }, body, headers: trackerHeaders("github", body, { secret: rotated.json.secret }) });
    expect(fresh.status).toBe(202);
  });

  it("deleting makes the URL answer 404 like any unknown token", async () => {
    const { as, admin, project } = await asAdmin();
    const hook = await withInboundWebhook(admin.id, project.id, "jira");
    // Known to this process before the delete (a rejected receipt caches the token too).
    expect((await call(receipt, { method: "POST", params: { token: hook.token }, body: "{}", headers: {} })).status).toBe(401);
    expect((await call(deleteInbound, { ...as, method: "DELETE" })).status).toBe(204);
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body: "{}", headers: {} });
    const unknown = await call(receipt, { method: "POST", params: { token: "never-existed" }, body: "{}", headers: {} });
    expect([res.status, res.text]).toEqual([unknown.status, unknown.text]);
    expect((await call(deleteInbound, { ...as, method: "DELETE" })).status).toBe(404);
  });

  it.each(["github", "jira", "azure_devops"] as const)("Send Test for %s answers synthetic, changes no issue, and shows in deliveries", async (provider) => {
    const { as, admin, project } = await asAdmin();
    await withInboundWebhook(admin.id, project.id, provider);
    const first = await call(sendTest, { ...as, method: "POST" });
    const second = await call(sendTest, { ...as, method: "POST" });
    for (const res of [first, second]) expect(res.json).toMatchObject({ status: 200, outcome: "synthetic" });
    expect(await db().select().from(issues).where(eq(issues.projectId, project.id))).toHaveLength(0);
    expect(await db().select().from(events).where(eq(events.projectId, project.id))).toHaveLength(0);
    const rows = await db().select().from(deliveries).where(eq(deliveries.projectId, project.id));
    expect(rows.map((r) => [r.direction, r.outcome, r.lastStatusCode])).toEqual([
      ["inbound", "synthetic", 200],
      ["inbound", "synthetic", 200],
    ]);
    // Only a digest of the tracker's request is kept, so an inbound receipt cannot be replayed.
    const replay = await call(replayDelivery, { ...as, params: { ...as.params, deliveryId: first.json.delivery_id }, method: "POST" });
    expect(replay.status).toBe(422);
  });

  it("stores no plaintext secret, token or ADO password anywhere in the database", async () => {
    const { admin, project } = await asAdmin();
    const gh = await withInboundWebhook(admin.id, project.id, "github");
    const other = await makeProject();
    const ado = await withInboundWebhook(other.admin.id, other.project.id, "azure_devops");
    const needles = [gh.secret!, gh.token, gh.secret!.slice(6), ADO_CREDS.password, ado.token];
    const sql = sqlClient();
    const tables = await sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'`;
    for (const { table_name } of tables) {
      const rows = await sql.unsafe(`select t::text as row from "${table_name}" t`);
      for (const { row } of rows) for (const needle of needles) expect(row, `${table_name} holds a plaintext secret`).not.toContain(needle);
    }
    const [row] = await db().select().from(inboundWebhooks).where(eq(inboundWebhooks.projectId, other.project.id));
    expect(row.basicPasswordCiphertext).toMatch(/^v1\./);
  });
});

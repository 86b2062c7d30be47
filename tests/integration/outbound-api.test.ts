// The outbound webhooks and deliveries API as the UI and automation use it (DESIGN section 5).
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { claimDueDeliveries, releaseDeliveries } from "@/lib/outbound/engine/claim";
import { GET as listWebhooks } from "@/app/api/v1/projects/[projectId]/webhooks/route";
import { POST as createRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/route";
import { DELETE as deleteRoute, PATCH as updateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/route";
import { DELETE as unsubscribe, PUT as subscribe } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/events/[type]/route";
import { POST as pauseRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/pause/route";
import { POST as resumeRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/resume/route";
import { POST as rotateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/rotate/route";
import { GET as listDeliveriesRoute } from "@/app/api/v1/projects/[projectId]/deliveries/route";
import { GET as detailRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/route";
import { POST as replayRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/replay/route";
import { GET as cronRoute } from "@/app/api/cron/outbox/route";
import { call, makeProject } from "../helpers/factories";
import { emitCaseCreated } from "../helpers/outbound";

let ctx: Awaited<ReturnType<typeof makeProject>>;
beforeAll(async () => {
  ctx = await makeProject("Outbound API");
});
const p = () => ({ projectId: ctx.project.id });
// A webhook needs at least one event: bodies that name none get case.created.
const withEvent = (body: unknown) => (body && typeof body === "object" && !("events" in body) ? { events: ["case.created"], ...body } : body);
const create = (body: unknown, token = ctx.admin.token) => call(createRoute, { method: "POST", params: p(), token, body: withEvent(body) });

describe("creating outbound webhooks", () => {
  it("returns the whsec_ secret once in the 201 and never again", async () => {
    const res = await create({ name: "CI", url: "http://127.0.0.1:9/hook", events: ["case.created", "test_run.completed"], headers: [{ name: "X-Team", value: "qa" }] });
    expect(res.status).toBe(201);
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.json.webhook).toMatchObject({
      name: "CI",
      kind: "generic",
      url: "http://127.0.0.1:9/hook",
      events: ["case.created", "test_run.completed"],
      custom_headers: [{ name: "X-Team", value: "••••" }],
      health: "healthy",
      paused: false,
      secrets: [{ state: "active", retire_at: null }],
    });
    const list = await call(listWebhooks, { params: p(), token: ctx.admin.token });
    expect(list.status).toBe(200);
    expect(list.json).toHaveProperty("inbound");
    expect(list.json.outbound.map((w: { id: string }) => w.id)).toContain(res.json.webhook.id);
    expect(list.text).not.toContain(res.json.secret);
    expect(list.text).not.toContain(res.json.secret.slice(6));
  });

  it.each([
    [{ name: "", url: "http://127.0.0.1/x" }, "name"],
    [{ name: "x".repeat(101), url: "http://127.0.0.1/x" }, "name"],
    [{ name: "x", url: "not a url" }, "url"],
    [{ name: "x", url: "http://127.0.0.1/x", events: ["case.exploded"] }, "events.0"],
    [{ name: "x", url: "http://127.0.0.1/x", headers: [{ name: "Content-Type", value: "text/plain" }] }, "headers.0.name"],
    [{ name: "x", url: "http://127.0.0.1/x", headers: [{ name: "webhook-id", value: "forged" }] }, "headers.0.name"],
    [{ name: "x", url: "http://127.0.0.1/x", headers: [{ name: "X-Switchyard-Event", value: "forged" }] }, "headers.0.name"],
    [{ name: "x", url: "http://127.0.0.1/x", headers: Array.from({ length: 11 }, (_, i) => ({ name: `X-H${i}`, value: "v" })) }, "headers"],
  ])("refuses %j with a 422 on %s", async (body, path) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers malformed JSON with 400", async () => {
    const res = await create("{not json");
    expect(res.status).toBe(400);
  });

  it("is admin only: 401 anonymous, 403 member, 404 outsider", async () => {
    const body = { name: "x", url: "http://127.0.0.1/x" };
    expect((await call(createRoute, { method: "POST", params: p(), body })).status).toBe(401);
    expect((await create(body, ctx.member.token)).status).toBe(403);
    expect((await create(body, ctx.outsider.token)).status).toBe(404);
    expect((await call(listWebhooks, { params: p(), token: ctx.member.token })).status).toBe(403);
    expect((await call(listDeliveriesRoute, { params: p(), token: ctx.member.token })).status).toBe(403);
  });

  it("treats hooks.slack.com URLs as Slack: no secret, URL stored encrypted and shown redacted", async () => {
    const url = "https://hooks.slack.com/services/T0ABC/B0DEF/xyzsecretxyz";
    const res = await create({ name: "Slack", url, events: ["test_run.completed"] });
    expect(res.status).toBe(201);
    expect(res.json.secret).toBeNull();
    expect(res.json.webhook).toMatchObject({ kind: "slack", url: "https://hooks.slack.com/services/T…/B…/••••", secrets: [] });
    const [row] = await db().execute(dsql`select url, url_ciphertext, url_redacted from outbound_webhooks where id = ${res.json.webhook.id}`);
    expect(row.url).toBeNull();
    expect(String(row.url_ciphertext)).toMatch(/^v1\.test1\./);
    const rotate = await call(rotateRoute, { method: "POST", params: { ...p(), webhookId: res.json.webhook.id }, token: ctx.admin.token });
    expect(rotate.status).toBe(409);
  });
});

describe("changing outbound webhooks", () => {
  it("subscribes and unsubscribes one event per call, idempotently", async () => {
    const { json } = await create({ name: "toggles", url: "http://127.0.0.1:9/t" });
    const params = { ...p(), webhookId: json.webhook.id, type: "issue.updated" };
    const on = await call(subscribe, { method: "PUT", params, token: ctx.admin.token });
    const again = await call(subscribe, { method: "PUT", params, token: ctx.admin.token });
    expect(on.json.webhook.events).toEqual(["case.created", "issue.updated"]);
    expect(again.json.webhook.events).toEqual(["case.created", "issue.updated"]);
    const off = await call(unsubscribe, { method: "DELETE", params, token: ctx.admin.token });
    expect(off.json.webhook.events).toEqual(["case.created"]);
    const last = await call(unsubscribe, { method: "DELETE", params: { ...params, type: "case.created" }, token: ctx.admin.token });
    expect(last.status).toBe(422); // a webhook keeps at least one event
    expect(last.json.detail).toMatch(/at least one event/);
    const unknown = await call(subscribe, { method: "PUT", params: { ...params, type: "issue.exploded" }, token: ctx.admin.token });
    expect(unknown.status).toBe(422);
  });

  it("updates name, URL and headers, keeping a header's stored value when none is sent", async () => {
    const { json } = await create({ name: "old", url: "http://127.0.0.1:9/a", headers: [{ name: "Authorization", value: "Bearer keep-me" }] });
    const params = { ...p(), webhookId: json.webhook.id };
    const res = await call(updateRoute, {
      method: "PATCH",
      params,
      token: ctx.admin.token,
      body: { name: "new", url: "http://127.0.0.1:9/b", headers: [{ name: "Authorization" }, { name: "X-Extra", value: "1" }] },
    });
    expect(res.status).toBe(200);
    expect(res.json.webhook).toMatchObject({ name: "new", url: "http://127.0.0.1:9/b", custom_headers: [{ name: "Authorization" }, { name: "X-Extra" }] });
    const bad = await call(updateRoute, { method: "PATCH", params, token: ctx.admin.token, body: { headers: [{ name: "X-New-Without-Value" }] } });
    expect(bad.status).toBe(422);
    const toSlack = await call(updateRoute, { method: "PATCH", params, token: ctx.admin.token, body: { url: "https://hooks.slack.com/services/T/B/c" } });
    expect(toSlack.status).toBe(422);
  });

  it("pausing parks new and waiting deliveries; resuming makes them due", async () => {
    const { json } = await create({ name: "pausable", url: "http://127.0.0.1:9/p", events: ["case.created"] });
    const params = { ...p(), webhookId: json.webhook.id };
    await emitCaseCreated(ctx.project, 1);
    const paused = await call(pauseRoute, { method: "POST", params, token: ctx.admin.token });
    expect(paused.json.webhook).toMatchObject({ paused: true, parked_count: 1 });
    await emitCaseCreated(ctx.project, 1);
    const statuses = async () => (await db().execute(dsql`select status::text from deliveries where outbound_webhook_id = ${json.webhook.id}`)).map((r) => r.status);
    expect(await statuses()).toEqual(["paused", "paused"]);
    const resumed = await call(resumeRoute, { method: "POST", params, token: ctx.admin.token });
    expect(resumed.json.webhook).toMatchObject({ paused: false, parked_count: 0 });
    expect(await statuses()).toEqual(["pending", "pending"]);
    const audit = await db().execute(dsql`select action from audit_log where target_id = ${json.webhook.id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["outbound_webhook.created", "outbound_webhook.paused", "outbound_webhook.resumed"]);
  });

  it("deletes a webhook with its deliveries", async () => {
    const { json } = await create({ name: "doomed", url: "http://127.0.0.1:9/d", events: ["case.created"] });
    await emitCaseCreated(ctx.project, 1);
    const res = await call(deleteRoute, { method: "DELETE", params: { ...p(), webhookId: json.webhook.id }, token: ctx.admin.token });
    expect(res.status).toBe(204);
    const left = await db().execute(dsql`select 1 from deliveries where outbound_webhook_id = ${json.webhook.id}`);
    expect(left).toHaveLength(0);
    const again = await call(deleteRoute, { method: "DELETE", params: { ...p(), webhookId: json.webhook.id }, token: ctx.admin.token });
    expect(again.status).toBe(404);
  });
});

describe("deliveries list and detail", () => {
  /** A project of its own with one webhook subscribed to case.created. */
  const projectWithWebhook = async (name: string) => {
    const own = await makeProject(name);
    const hook = await call(createRoute, {
      method: "POST",
      params: { projectId: own.project.id },
      token: own.admin.token,
      body: { name, url: "http://127.0.0.1:9/l", events: ["case.created"] },
    });
    return { own, webhookId: hook.json.webhook.id as string };
  };

  it("pages newest first with a keyset cursor and filters by direction, webhook, status and event", async () => {
    const { own, webhookId } = await projectWithWebhook("Deliveries list");
    await emitCaseCreated(own.project, 7);
    // An inbound receipt as the receipt pipeline writes it: outcome, digest, no payload.
    await db().execute(dsql`
      insert into deliveries (id, project_id, direction, event_type, status, outcome, request_digest, last_status_code)
      values ('dlv_inbound_list', ${own.project.id}, 'inbound', 'issue.updated', 'succeeded', 'applied', 'deadbeef', 202)`);
    const list = (query: string) => call(listDeliveriesRoute, { path: `/x?${query}`, params: { projectId: own.project.id }, token: own.admin.token });

    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await list(`limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.json.deliveries.map((d: { id: string }) => d.id));
      cursor = res.json.next_cursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe("dlv_inbound_list"); // newest first

    expect((await list("direction=inbound")).json.deliveries).toEqual([
      expect.objectContaining({ id: "dlv_inbound_list", direction: "inbound", outcome: "applied", last_status_code: 202 }),
    ]);
    expect((await list(`webhook=${webhookId}`)).json.deliveries).toHaveLength(7);
    expect((await list("status=pending")).json.deliveries).toHaveLength(7);
    expect((await list("status=dead")).json.deliveries).toHaveLength(0);
    expect((await list("event=issue.updated")).json.deliveries).toHaveLength(1);
    expect((await list("status=exploded")).status).toBe(422);
    expect((await list("cursor=garbage")).status).toBe(400);

    const inbound = await call(detailRoute, { params: { projectId: own.project.id, deliveryId: "dlv_inbound_list" }, token: own.admin.token });
    expect(inbound.json).toMatchObject({ body: null, request_digest: "deadbeef", attempts: [], replay_chain: [expect.objectContaining({ id: "dlv_inbound_list" })] });
    const replay = await call(replayRoute, { method: "POST", params: { projectId: own.project.id, deliveryId: "dlv_inbound_list" }, token: own.admin.token });
    expect(replay.status).toBe(422);
    const missing = await call(detailRoute, { params: { ...p(), deliveryId: "dlv_inbound_list" }, token: ctx.admin.token });
    expect(missing.status).toBe(404); // another project's delivery
  });

  it("shows a claimed delivery as delivering until its attempt is recorded, and pausing leaves it in flight", async () => {
    const { own, webhookId } = await projectWithWebhook("Delivering");
    await emitCaseCreated(own.project, 2);
    // Claim as a drain does; keep one of ours and hand everything else back.
    const { deliveries: claimed } = await claimDueDeliveries(sqlClient(), { limit: 1_000, leaseMs: 60_000 });
    const [inFlight, waiting] = claimed.filter((d) => d.webhookId === webhookId);
    await releaseDeliveries(sqlClient(), claimed.filter((d) => d !== inFlight));
    const list = async (query: string) =>
      (await call(listDeliveriesRoute, { path: `/x?${query}`, params: { projectId: own.project.id }, token: own.admin.token })).json.deliveries;

    expect(await list("status=delivering")).toEqual([expect.objectContaining({ id: inFlight.id, status: "delivering", attempts: 1 })]);
    expect(await list("status=pending")).toEqual([expect.objectContaining({ id: waiting.id, status: "pending", attempts: 0 })]);
    const detail = await call(detailRoute, { params: { projectId: own.project.id, deliveryId: inFlight.id }, token: own.admin.token });
    expect(detail.json.delivery.status).toBe("delivering");
    expect(detail.json.replay_chain).toEqual([expect.objectContaining({ id: inFlight.id, status: "delivering" })]);

    const paused = await call(pauseRoute, { method: "POST", params: { projectId: own.project.id, webhookId }, token: own.admin.token });
    expect(paused.json.webhook).toMatchObject({ paused: true, parked_count: 1 }); // the waiting one; the attempt in flight settles itself
    expect(await list("status=delivering")).toEqual([expect.objectContaining({ id: inFlight.id })]);
  });
});

describe("cron runner", () => {
  it("requires the cron secret", async () => {
    expect((await call(cronRoute, {})).status).toBe(401);
    expect((await call(cronRoute, { headers: { authorization: "Bearer wrong-wrong-wrong-wrong" } })).status).toBe(401);
  });
});

// Outbound delivery end to end: real PostgreSQL, real HTTP receiver on 127.0.0.1, the drain as the
// cron route and the worker run it. Receivers verify with the third-party standardwebhooks package.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { Writable } from "node:stream";
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { POST as enableRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/enable/route";
import { POST as extendRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/extend/route";
import { POST as retireRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/retire/route";
import { POST as rotateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/rotate/route";
import { POST as testRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/test/route";
import { DELETE as deleteRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/route";
import { GET as detailRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/route";
import { GET as listRoute } from "@/app/api/v1/projects/[projectId]/deliveries/route";
import { POST as replayRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/replay/route";
import { POST as bulkReplayRoute } from "@/app/api/v1/projects/[projectId]/deliveries/replay/route";
import { GET as cronRoute } from "@/app/api/cron/outbox/route";
import { outboundWebhooks } from "@/db/schema";
import { encrypt } from "@/lib/crypto/at-rest";
import { newId } from "@/lib/ids";
import { teeLogs } from "@/lib/logger";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { recordAttempts } from "@/lib/outbound/engine/record";
import { startOutboxWorker } from "@/lib/outbound/engine/worker";
import { secretKey } from "@/lib/outbound/signing";
import { call, makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor, type Received } from "../helpers/webhook-receiver";

type Ctx = Awaited<ReturnType<typeof makeProject>>;
let ctx: Ctx;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const replies = new Map<string, (r: Received, nth: number) => { status?: number; headers?: Record<string, string>; delayMs?: number; body?: string } | undefined>();
const plaintexts: string[] = []; // every secret and Slack URL this file sees, searched for at the end
const logs: string[] = [];

beforeAll(async () => {
  teeLogs(new Writable({ write: (chunk, _enc, done) => void (logs.push(String(chunk)), done()) }));
  ctx = await makeProject("Outbound delivery");
  receiver = await startReceiver((r) => {
    const reply = replies.get(r.path);
    if (!reply) return undefined;
    return reply(r, receiver.received.filter((x) => x.path === r.path).length);
  });
});
afterAll(async () => {
  await receiver.close();
});

const at = (path: string) => receiver.received.filter((r) => r.path === path);
const p = () => ({ projectId: ctx.project.id });

async function newHook(path: string, extra: Record<string, unknown> = {}) {
  const created = await createWebhook(ctx.project, ctx.admin.token, { name: path, url: receiver.url(path), events: ["case.created"], ...extra });
  if (created.secret) plaintexts.push(created.secret);
  return created;
}

async function deliveriesOf(webhookId: string) {
  return db().execute<{ id: string; status: string; attempts: number; next_attempt_at: Date; event_id: string; last_error: string | null }>(
    dsql`select id, status::text, attempts, next_attempt_at, event_id, last_error from deliveries where outbound_webhook_id = ${webhookId} order by created_at, id`,
  );
}

/** The statuses the Deliveries API shows for a webhook's deliveries. */
async function shownStatuses(webhookId: string): Promise<string[]> {
  const res = await call(listRoute, { path: `/x?webhook=${webhookId}&limit=100`, params: p(), token: ctx.admin.token });
  return res.json.deliveries.map((d: { status: string }) => d.status);
}

async function attemptsOf(deliveryId: string) {
  return db().execute<{ n: number; status_code: number | null; error_class: string | null; custom_header_names: string[] }>(
    dsql`select n, status_code, error_class, custom_header_names from delivery_attempts where delivery_id = ${deliveryId} order by n`,
  );
}

/** Drains (as the cron runner does) until the condition holds. */
async function drainUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000, opts: Parameters<typeof drainOutbox>[0] = {}) {
  await waitFor(what, async () => {
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000, ...opts });
    return check();
  }, timeoutMs, 50);
}

function verifyStandard(r: Received, secret: string) {
  return new Webhook(secret).verify(r.body, {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  });
}
const sha256Of = (body: string, secret: string) => `sha256=${createHmac("sha256", secretKey(secret)).update(body).digest("hex")}`;

describe("signed generic deliveries", () => {
  it("a receiver verifies every delivery with standardwebhooks and with the sha256= body header", async () => {
    const { webhook, secret } = await newHook("/signed", { headers: [{ name: "Authorization", value: "Bearer super-secret-header-value" }] });
    plaintexts.push("super-secret-header-value");
    const eventIds = await emitCaseCreated(ctx.project, 3);
    const res = await call(cronRoute, { headers: { authorization: "Bearer test-cron-secret-0123456789" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ claimed: expect.any(Number) });
    await waitFor("3 deliveries", () => at("/signed").length === 3);
    const rows = await deliveriesOf(webhook.id);
    for (const r of at("/signed")) {
      expect(verifyStandard(r, secret!)).toMatchObject({ type: "case.created" });
      expect(r.headers["x-switchyard-signature-256"]).toBe(sha256Of(r.body, secret!));
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toMatch(/Switchyard/);
      expect(r.headers["x-switchyard-event"]).toBe("case.created");
      expect(r.headers.authorization).toBe("Bearer super-secret-header-value");
      expect(eventIds).toContain(r.headers["webhook-id"]);
      expect(JSON.parse(r.body).id).toBe(r.headers["webhook-id"]);
      expect(rows.map((d) => d.id)).toContain(r.headers["x-switchyard-delivery"]);
    }
    expect(rows.every((d) => d.status === "succeeded")).toBe(true);
    const [attempt] = await attemptsOf(rows[0].id);
    expect(attempt).toMatchObject({ n: 1, status_code: 200, error_class: null, custom_header_names: ["Authorization"] });
    // The Deliveries tab shows the headers this receiver got, secrets redacted (rebuilt from the attempt row).
    const detail = await call(detailRoute, { params: { ...p(), deliveryId: rows[0].id }, token: ctx.admin.token });
    const shown: Record<string, string> = detail.json.attempts[0].request_headers;
    const got = at("/signed").find((r) => r.headers["x-switchyard-delivery"] === rows[0].id)!.headers;
    const redacted = ["authorization", "webhook-signature", "x-switchyard-signature-256"];
    expect(Object.keys(shown).map((k) => k.toLowerCase()).sort()).toEqual(Object.keys(got).filter((k) => !["host", "connection", "content-length"].includes(k)).sort());
    for (const [name, value] of Object.entries(shown)) expect(value).toBe(redacted.includes(name.toLowerCase()) ? "••••" : got[name.toLowerCase()]);
  });

  it("during a rotation window both the old and the new secret verify; retire, extend-once and the deadline apply", async () => {
    const { webhook, secret: oldSecret } = await newHook("/rotate");
    const rotated = await call(rotateRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.json.secret as string;
    plaintexts.push(newSecret);
    expect(rotated.json.webhook.secrets.map((s: { state: string }) => s.state).sort()).toEqual(["active", "retiring"]);

    await emitCaseCreated(ctx.project, 1);
    await drainUntil("delivery during the window", () => at("/rotate").length === 1);
    const during = at("/rotate")[0];
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() => verifyStandard(during, oldSecret!)).not.toThrow();
    expect(() => verifyStandard(during, newSecret)).not.toThrow();
    expect(String(during.headers["x-switchyard-signature-256"]).split(",")).toEqual(
      expect.arrayContaining([sha256Of(during.body, oldSecret!), sha256Of(during.body, newSecret)]),
    );

    const again = await call(rotateRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(again.status).toBe(409);
    const ext1 = await call(extendRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(ext1.status).toBe(200);
    const ext2 = await call(extendRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(ext2.status).toBe(409);
    expect(ext2.json.detail).toMatch(/already extended once/);

    const retired = await call(retireRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(retired.status).toBe(200);
    await emitCaseCreated(ctx.project, 1);
    await drainUntil("delivery after retire", () => at("/rotate").length === 2);
    const after = at("/rotate")[1];
    expect(() => verifyStandard(after, newSecret)).not.toThrow();
    expect(() => verifyStandard(after, oldSecret!)).toThrow();

    // A deadline that passes is enforced by the drain cycle.
    const third = await call(rotateRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    plaintexts.push(third.json.secret);
    await db().execute(dsql`update webhook_secrets set retire_at = now() - interval '1 second' where webhook_id = ${webhook.id} and state = 'retiring'`);
    const counts = await drainOutbox({ untilIdle: true, timeBoxMs: 2_000 });
    expect(counts.secrets_retired).toBeGreaterThanOrEqual(1);
    const left = await db().execute(dsql`select state::text from webhook_secrets where webhook_id = ${webhook.id}`);
    expect(left.map((s) => s.state)).toEqual(["active"]);
  });
});

describe("in-process worker", () => {
  it("woken by NOTIFY, delivers a new event to a healthy receiver well under a second", async () => {
    await newHook("/worker");
    const worker = startOutboxWorker();
    try {
      await drainUntil("earlier deliveries to settle", () => true); // nothing from other tests left due
      const started = Date.now();
      const [eventId] = await emitCaseCreated(ctx.project, 1);
      await waitFor("the worker to deliver", () => at("/worker").length === 1, 5_000, 5);
      expect(at("/worker")[0].headers["webhook-id"]).toBe(eventId);
      expect(at("/worker")[0].at - started).toBeLessThan(500);
    } finally {
      await worker.stop();
    }
  });
});

describe("retries", () => {
  it("500 then 200 is delivered on the retry", async () => {
    replies.set("/flaky", (_r, nth) => (nth === 1 ? { status: 500, body: "boom" } : undefined));
    const { webhook } = await newHook("/flaky");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [first] = await deliveriesOf(webhook.id);
    expect(first).toMatchObject({ status: "failed", attempts: 1 });
    const delay = new Date(first.next_attempt_at).getTime() - Date.now();
    expect(delay).toBeGreaterThan(2_000); // 5 s ± 20 %, minus time spent
    expect(delay).toBeLessThan(6_100);
    await drainUntil("the retry to succeed", async () => (await deliveriesOf(webhook.id))[0].status === "succeeded", 10_000);
    const attempts = await attemptsOf(first.id);
    expect(attempts.map((a) => [a.status_code, a.error_class])).toEqual([
      [500, "http_status"],
      [200, null],
    ]);
    expect(at("/flaky")[0].headers["webhook-id"]).toBe(at("/flaky")[1].headers["webhook-id"]);
  });

  it("honours Retry-After on 503", async () => {
    replies.set("/later", (_r, nth) => (nth === 1 ? { status: 503, headers: { "retry-after": "2" } } : undefined));
    const { webhook } = await newHook("/later");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [first] = await deliveriesOf(webhook.id);
    const delay = new Date(first.next_attempt_at).getTime() - Date.now();
    expect(delay).toBeGreaterThan(1_000);
    expect(delay).toBeLessThanOrEqual(2_000);
    await drainUntil("the retry after Retry-After", () => at("/later").length === 2, 8_000);
    expect(at("/later")[1].at - at("/later")[0].at).toBeGreaterThanOrEqual(1_900);
  });

  it("classifies a receiver that does not answer in time as timeout", async () => {
    replies.set("/slow", () => ({ delayMs: 3_000 }));
    const { webhook } = await newHook("/slow");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000, attemptTimeoutMs: 300 });
    const [d] = await deliveriesOf(webhook.id);
    expect(d.status).toBe("failed");
    const [a] = await attemptsOf(d.id);
    expect(a).toMatchObject({ status_code: null, error_class: "timeout" });
    replies.set("/slow", () => undefined); // answer its retry at once, so later drains do not wait on it
  });

  it("stops at once on 410 Gone", async () => {
    replies.set("/gone", () => ({ status: 410 }));
    const { webhook } = await newHook("/gone");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "dead", attempts: 1 });
    expect(d.last_error).toMatch(/410/);
    await drainOutbox({ untilIdle: true, timeBoxMs: 2_000 });
    expect(at("/gone")).toHaveLength(1);
  });
});

describe("what an attempt does with the response", () => {
  it("does not follow redirects: a 302 is a failed attempt and its target is never called", async () => {
    replies.set("/redirect", () => ({ status: 302, headers: { location: receiver.url("/redirect-target") } }));
    const { webhook } = await newHook("/redirect");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [d] = await deliveriesOf(webhook.id);
    expect(d.status).toBe("failed");
    expect((await attemptsOf(d.id))[0]).toMatchObject({ status_code: 302, error_class: "http_status" });
    expect(at("/redirect-target")).toHaveLength(0);
  });

  it("keeps at most 4 KB of the response as the excerpt", async () => {
    replies.set("/chatty", () => ({ body: "x".repeat(100_000) }));
    const { webhook } = await newHook("/chatty");
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [d] = await deliveriesOf(webhook.id);
    expect(d.status).toBe("succeeded");
    const [row] = await db().execute(dsql`select length(response_excerpt) as n from delivery_attempts where delivery_id = ${d.id}`);
    expect(row.n).toBe(4096);
  });

  it("sends Slack hooks a Block Kit message and records Slack's permanent errors as such", async () => {
    replies.set("/services/T1/B1/archived", () => ({ status: 410, body: "channel_is_archived" }));
    // A Slack-kind row whose (encrypted) URL points at the local receiver, standing in for hooks.slack.com.
    const [row] = await db()
      .insert(outboundWebhooks)
      .values({
        id: newId("wh"),
        projectId: ctx.project.id,
        name: "slack",
        kind: "slack",
        urlCiphertext: encrypt(receiver.url("/services/T1/B1/archived")),
        urlRedacted: "https://hooks.slack.com/services/T…/B…/••••",
        events: ["case.created"],
      })
      .returning();
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [r] = at("/services/T1/B1/archived");
    expect(JSON.parse(r.body)).toMatchObject({ text: expect.stringMatching(/^Case Case \d+ created$/), blocks: expect.any(Array) });
    expect(r.headers["webhook-signature"]).toBeUndefined();
    const [d] = await deliveriesOf(row.id);
    expect(d.status).toBe("dead");
    const [a] = await db().execute(dsql`select error_class, error_message from delivery_attempts where delivery_id = ${d.id}`);
    expect(a).toMatchObject({ error_class: "slack_error", error_message: "Slack: channel_is_archived (permanent)" });
  });
});

describe("fairness", () => {
  it("a slow receiver cannot starve the others: each webhook has a cap on requests in flight", async () => {
    replies.set("/snail", () => ({ delayMs: 1_500 }));
    await newHook("/snail");
    await newHook("/hare");
    await emitCaseCreated(ctx.project, 12);
    const started = Date.now();
    const drain = drainOutbox({ untilIdle: true, timeBoxMs: 20_000, concurrency: 8, perWebhookCap: 3, batchSize: 8 });
    await waitFor("every fast delivery", () => at("/hare").length === 12, 5_000, 10);
    const hareDone = Date.now() - started;
    expect(hareDone).toBeLessThan(1_500); // before the slow receiver answered even its first requests
    expect(at("/snail").length).toBeLessThanOrEqual(3);
    replies.set("/snail", () => undefined);
    await drain;
  });
});

describe("health", () => {
  it("10 consecutive failures disable the webhook and park its deliveries; re-enable delivers every one", async () => {
    let down = true;
    replies.set("/down", () => (down ? { status: 500 } : undefined));
    const { webhook } = await newHook("/down");
    const firstTen = await emitCaseCreated(ctx.project, 10);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const [hook] = await db().execute(dsql`select health::text, consecutive_failures from outbound_webhooks where id = ${webhook.id}`);
    expect(hook).toMatchObject({ health: "disabled", consecutive_failures: 10 });
    // Parked as shown (derived from the webhook), stored as they were: still failed, with their retry time.
    expect((await shownStatuses(webhook.id)).every((s) => s === "paused")).toBe(true);
    expect((await deliveriesOf(webhook.id)).every((d) => d.status === "failed")).toBe(true);
    const audit = await db().execute(dsql`select action, details from audit_log where target_id = ${webhook.id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["outbound_webhook.degraded", "outbound_webhook.disabled"]));

    const later = await emitCaseCreated(ctx.project, 3); // parked at enqueue: a disabled webhook is not called
    await drainOutbox({ untilIdle: true, timeBoxMs: 2_000 });
    expect(at("/down")).toHaveLength(10);
    expect((await shownStatuses(webhook.id)).filter((s) => s === "paused")).toHaveLength(13);

    down = false;
    const enabled = await call(enableRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect(enabled.status).toBe(200);
    expect(enabled.json.webhook).toMatchObject({ health: "healthy", consecutive_failures: 0 });
    await drainUntil("all parked deliveries to arrive", async () => (await deliveriesOf(webhook.id)).every((d) => d.status === "succeeded"));
    const delivered = at("/down").slice(10).map((r) => r.headers["webhook-id"]);
    expect(delivered).toHaveLength(13); // each once
    expect(new Set(delivered)).toEqual(new Set([...firstTen, ...later]));
  });

  it("member cannot re-enable (admin only)", async () => {
    const { webhook } = await newHook("/member-check");
    const res = await call(enableRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.member.token });
    expect(res.status).toBe(403);
  });
});

describe("send test and replay", () => {
  it("Send Test sends the same body and webhook-id on every click, recorded as deliveries", async () => {
    const { webhook, secret } = await newHook("/test-button");
    const a = await call(testRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    const b = await call(testRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.delivery.id).not.toBe(b.json.delivery.id);
    await drainUntil("both test deliveries", () => at("/test-button").length === 2);
    const [r1, r2] = at("/test-button");
    expect(r1.body).toBe(r2.body);
    expect(r1.headers["webhook-id"]).toBe(r2.headers["webhook-id"]);
    expect(r1.headers["x-switchyard-delivery"]).not.toBe(r2.headers["x-switchyard-delivery"]);
    expect(JSON.parse(r1.body).type).toBe("webhook.test");
    expect(() => verifyStandard(r2, secret!)).not.toThrow();
  });

  it("replaying a delivery sends the same event and webhook-id with a new delivery id, linked by replay_of", async () => {
    const { webhook } = await newHook("/replay-one");
    await emitCaseCreated(ctx.project, 1);
    await drainUntil("the original", () => at("/replay-one").length === 1);
    const [original] = await deliveriesOf(webhook.id);
    const res = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: original.id }, token: ctx.admin.token });
    expect(res.status).toBe(201);
    expect(res.json.delivery).toMatchObject({ replay_of: original.id, event_id: original.event_id, status: "pending" });
    await drainUntil("the replay", () => at("/replay-one").length === 2);
    const [first, replay] = at("/replay-one");
    expect(replay.body).toBe(first.body);
    expect(replay.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(replay.headers["x-switchyard-delivery"]).toBe(res.json.delivery.id);
    const detail = await call(detailRoute, { params: { ...p(), deliveryId: res.json.delivery.id }, token: ctx.admin.token });
    expect(detail.json.replay_chain.map((c: { id: string }) => c.id)).toEqual([original.id, res.json.delivery.id]);
    expect(JSON.parse(detail.json.body).id).toBe(original.event_id);
    expect(detail.json.body).toBe(first.body); // the exact bytes sent
    expect(detail.json.attempts[0]).toMatchObject({ n: 1, status_code: 200 });
  });

  it("bulk replay enqueues 100 in one go, refuses 101 without enqueuing anything, and reports inbound ids", async () => {
    const { webhook } = await newHook("/bulk");
    await emitCaseCreated(ctx.project, 100);
    const ids = (await deliveriesOf(webhook.id)).map((d) => d.id);
    const [{ id: inboundId }] = await db().execute<{ id: string }>(dsql`
      insert into deliveries (id, project_id, direction, event_type, status, outcome, request_digest)
      values ('dlv_inbound_' || md5(random()::text), ${ctx.project.id}, 'inbound', 'issue.updated', 'succeeded', 'applied', 'abc') returning id`);
    const count = async () => Number((await db().execute(dsql`select count(*)::int as n from deliveries where project_id = ${ctx.project.id}`))[0].n);

    const before = await count();
    const tooMany = await call(bulkReplayRoute, { method: "POST", params: p(), token: ctx.admin.token, body: { ids: [...ids, inboundId] } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.detail).toMatch(/at most 100/);
    expect(await count()).toBe(before);

    const ok = await call(bulkReplayRoute, { method: "POST", params: p(), token: ctx.admin.token, body: { ids } });
    expect(ok.status).toBe(201);
    expect(ok.json.replayed).toHaveLength(100);
    expect(await count()).toBe(before + 100);

    const mixed = await call(bulkReplayRoute, { method: "POST", params: p(), token: ctx.admin.token, body: { ids: [ids[0], inboundId, "dlv_nope"] } });
    expect(mixed.json.replayed).toHaveLength(1);
    expect(mixed.json.skipped).toEqual([
      { id: inboundId, reason: "inbound" },
      { id: "dlv_nope", reason: "not_found" },
    ]);
    await drainUntil("all 201 deliveries", () => at("/bulk").length === 201, 20_000);
  });
});

describe("the attempt log", () => {
  it("deleting a webhook deletes its deliveries and their attempts", async () => {
    const { webhook } = await newHook("/deleted-later");
    await emitCaseCreated(ctx.project, 2);
    await drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
    const ids = (await deliveriesOf(webhook.id)).map((d) => d.id);
    expect(ids).toHaveLength(2);
    expect((await attemptsOf(ids[0])).length + (await attemptsOf(ids[1])).length).toBe(2);
    const res = await call(deleteRoute, { method: "DELETE", token: ctx.admin.token, params: { ...p(), webhookId: webhook.id } });
    expect(res.status).toBe(204);
    const [left] = await sqlClient()<{ n: number }[]>`select count(*)::int as n from delivery_attempts where delivery_id = any(${ids}::text[])`;
    expect(left.n).toBe(0);
  });

  it("an outcome for a delivery deleted meanwhile is dropped while the rest of the batch is recorded", async () => {
    const { webhook } = await newHook("/half-gone");
    await emitCaseCreated(ctx.project, 1);
    const [d] = await deliveriesOf(webhook.id);
    const outcome = (deliveryId: string) => ({
      deliveryId, webhookId: webhook.id, n: 1, startedAt: new Date(), durationMs: 5, statusCode: 200, errorClass: null, errorMessage: null,
      customHeaderNames: ["Authorization"], responseExcerpt: "ok", responseHeaders: null, requestBody: null, test: false, decision: { kind: "succeeded" as const },
    });
    await sqlClient()`update deliveries set attempts = 1, lease_until = now() + interval '1 minute' where id = ${d.id}`;
    await recordAttempts(sqlClient(), [outcome("dlv_deleted_meanwhile"), outcome(d.id)]);
    expect(await attemptsOf(d.id)).toMatchObject([{ n: 1, status_code: 200, custom_header_names: ["Authorization"] }]);
    expect((await deliveriesOf(webhook.id))[0].status).toBe("succeeded");
    const [orphans] = await db().execute<{ n: number }>(dsql`select count(*)::int as n from delivery_attempts where delivery_id = 'dlv_deleted_meanwhile'`);
    expect(orphans.n).toBe(0);
  });
});

describe("secrets at rest", () => {
  it("no plaintext secret, custom header value or Slack URL appears in any table or in the logs", async () => {
    const slackUrl = "https://hooks.slack.com/services/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";
    const slack = await createWebhook(ctx.project, ctx.admin.token, { name: "Slack", url: slackUrl, events: ["case.created"] });
    expect(slack.secret).toBeNull();
    expect(slack.webhook.url).toBe("https://hooks.slack.com/services/T…/B…/••••");
    plaintexts.push(slackUrl, "slacksecretpathvalue1234");
    // The secret as a receiver decodes it is sensitive too, not only its whsec_ spelling.
    const needles = plaintexts.flatMap((s) => (s.startsWith("whsec_") ? [s, s.slice(6)] : [s]));
    expect(needles.length).toBeGreaterThan(5);

    const tables = await sqlClient()<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const rows = await sqlClient().unsafe(`select t::text as row from "${table_name}" t`);
      const text = rows.map((r) => r.row as string).join("\n");
      for (const needle of needles) expect(text.includes(needle), `${table_name} contains a plaintext secret`).toBe(false);
    }
    const logText = logs.join("\n");
    for (const needle of needles) expect(logText.includes(needle)).toBe(false);
  });
});

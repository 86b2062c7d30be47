// What an admin sees and does on the Deliveries tab, end to end against a real receiver: the drawer's
// bytes verify, replay and Send Test resend them unchanged, Send Test is one attempt that leaves health
// alone, Retry now / Cancel / Recover act on exactly the rows they name, and search finds a delivery.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db } from "@/db/client";
import { POST as testRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/test/route";
import { POST as enableRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/enable/route";
import { GET as recoverPreview, POST as recoverRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/recover/route";
import { GET as listWebhooks } from "@/app/api/v1/projects/[projectId]/webhooks/route";
import { GET as listRoute } from "@/app/api/v1/projects/[projectId]/deliveries/route";
import { GET as detailRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/route";
import { POST as replayRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/replay/route";
import { POST as retryRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/retry/route";
import { POST as cancelRoute } from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/cancel/route";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { TEST_RATE_LIMIT } from "@/lib/outbound/send-test";
import { RECOVER_MAX_AGE_DAYS } from "@/lib/outbound/recover";
import { call, makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor, type Received } from "../helpers/webhook-receiver";

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const replies = new Map<string, () => { status?: number; headers?: Record<string, string> } | undefined>();

beforeAll(async () => {
  ctx = await makeProject("Deliveries actions");
  receiver = await startReceiver((r) => replies.get(r.path)?.());
});
afterAll(async () => {
  await receiver.close();
});

const at = (path: string) => receiver.received.filter((r) => r.path === path);
const p = () => ({ projectId: ctx.project.id });
const admin = () => ctx.admin.token;
const drain = () => drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
async function drainUntil(what: string, check: () => boolean | Promise<boolean>) {
  await waitFor(what, async () => {
    await drain();
    return check();
  }, 15_000, 50);
}
async function newHook(path: string) {
  return createWebhook(ctx.project, admin(), { name: path, url: receiver.url(path), events: ["case.created"] });
}
const detail = async (deliveryId: string) => (await call(detailRoute, { params: { ...p(), deliveryId }, token: admin() })).json;
const list = async (query: string) => call(listRoute, { path: `/x?${query}`, params: p(), token: admin() });
const rowsOf = (webhookId: string) =>
  db().execute<{ id: string; status: string; event_id: string; replay_of: string | null; attempts: number }>(
    dsql`select id, status::text, event_id, replay_of, attempts from deliveries where outbound_webhook_id = ${webhookId} order by created_at, id`,
  );
const hookState = async (webhookId: string) =>
  (await db().execute<{ health: string; consecutive_failures: number; last_failure_at: Date | null; last_dispatched_at: Date | null }>(
    dsql`select health::text, consecutive_failures, last_failure_at, last_dispatched_at from outbound_webhooks where id = ${webhookId}`,
  ))[0];

describe("exact bytes", () => {
  it("the drawer's body and headers verify with standardwebhooks and are the bytes the receiver got", async () => {
    const { webhook, secret } = await newHook("/exact");
    replies.set("/exact", () => ({ status: 202, headers: { "x-receiver": "seen", "set-cookie": "sid=s3cret" } }));
    await emitCaseCreated(ctx.project, 1);
    await drainUntil("the delivery", () => at("/exact").length === 1);
    const [received] = at("/exact");
    const [row] = await rowsOf(webhook.id);
    const d = await detail(row.id);
    const headers = d.attempts[0].request_headers as Record<string, string>;
    // The drawer redacts signatures; a receiver's copy supplies one, and it must verify over the drawer's bytes.
    expect(d.body).toBe(received.body);
    const verified = new Webhook(secret!).verify(d.body, {
      "webhook-id": headers["webhook-id"],
      "webhook-timestamp": headers["webhook-timestamp"],
      "webhook-signature": String(received.headers["webhook-signature"]),
    });
    expect(verified).toEqual(JSON.parse(d.body));
    expect(Object.keys(JSON.parse(d.body))).toEqual(["id", "type", "created_at", "project", "data"]);
    expect(d.attempts[0]).toMatchObject({ status_line: "HTTP 202 Accepted", response_headers: expect.objectContaining({ "x-receiver": "seen", "set-cookie": "••••" }) });
  });

  it("replay and Send Test send bodies byte-identical to the original", async () => {
    const { webhook } = await newHook("/same-bytes");
    await emitCaseCreated(ctx.project, 1);
    await drainUntil("the original", () => at("/same-bytes").length === 1);
    const [original] = await rowsOf(webhook.id);
    const replay = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: original.id }, token: admin() });
    expect(replay.status).toBe(201);
    await drainUntil("the replay", () => at("/same-bytes").length === 2);
    const [first, again] = at("/same-bytes");
    expect(again.body).toBe(first.body);
    expect((await detail(replay.json.delivery.id)).body).toBe(first.body);

    for (let i = 0; i < 2; i++) expect((await call(testRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin() })).status).toBe(201);
    await drainUntil("both tests", () => at("/same-bytes").length === 4);
    const [t1, t2] = at("/same-bytes").slice(2);
    expect(t1.body).toBe(t2.body);
    expect(JSON.parse(t1.body).type).toBe("webhook.test");
  });
});

describe("Send Test", () => {
  it("to a failing URL makes one attempt, is not retried and leaves the webhook's health unchanged", async () => {
    const { webhook } = await newHook("/test-fails");
    replies.set("/test-fails", () => ({ status: 500 }));
    const before = await hookState(webhook.id);
    const res = await call(testRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin() });
    expect(res.json.delivery.test).toBe(true);
    await drainUntil("the test's one attempt", () => at("/test-fails").length === 1);
    await drain();
    expect(at("/test-fails")).toHaveLength(1);
    const d = await detail(res.json.delivery.id);
    expect(d.delivery).toMatchObject({ status: "dead", attempts: 1, test: true, last_error: expect.stringMatching(/not retried/) });
    expect(await hookState(webhook.id)).toEqual(before);
    const card = (await call(listWebhooks, { params: p(), token: admin() })).json.outbound.find((w: { id: string }) => w.id === webhook.id);
    expect(card).toMatchObject({ health: "healthy", consecutive_failures: 0, last_dispatched_at: null, last_test: { id: res.json.delivery.id, status: "dead", last_status_code: 500 } });
    expect(card.recent_deliveries).toEqual([expect.objectContaining({ id: res.json.delivery.id, test: true })]);
  });

  it(`is limited to ${TEST_RATE_LIMIT.count} a minute per webhook: then 429 problem+json with Retry-After`, async () => {
    const { webhook } = await newHook("/test-limit");
    const send = () => call(testRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin() });
    for (let i = 0; i < TEST_RATE_LIMIT.count; i++) expect((await send()).status).toBe(201);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.json.detail).toMatch(/At most 10 tests a minute/);
    // Another webhook has its own budget.
    const { webhook: other } = await newHook("/test-limit-2");
    expect((await call(testRoute, { method: "POST", params: { ...p(), webhookId: other.id }, token: admin() })).status).toBe(201);
  });
});

describe("Retry now and Cancel retries", () => {
  it("Retry now sends a retrying delivery at once; Cancel stops one; neither applies to a succeeded delivery", async () => {
    const { webhook } = await newHook("/retry-now");
    let down = true;
    replies.set("/retry-now", () => (down ? { status: 503 } : undefined));
    await emitCaseCreated(ctx.project, 2);
    await drain();
    const [a, b] = await rowsOf(webhook.id);
    expect([a.status, b.status]).toEqual(["failed", "failed"]);
    expect((await detail(a.id)).delivery.next_attempt_at).not.toBeNull();

    down = false;
    const retried = await call(retryRoute, { method: "POST", params: { ...p(), deliveryId: a.id }, token: admin() });
    expect(retried.status).toBe(200);
    expect(retried.json.delivery.status).toBe("pending");
    const cancelled = await call(cancelRoute, { method: "POST", params: { ...p(), deliveryId: b.id }, token: admin() });
    expect(cancelled.json.delivery).toMatchObject({ status: "dead", last_error: expect.stringMatching(/cancelled/) });
    await drainUntil("the retried one", async () => (await rowsOf(webhook.id))[0].status === "succeeded");
    expect((await rowsOf(webhook.id))[1].status).toBe("dead");
    expect(at("/retry-now")).toHaveLength(3); // two failures, then the one retried now

    expect((await call(retryRoute, { method: "POST", params: { ...p(), deliveryId: a.id }, token: admin() })).status).toBe(409);
    expect((await call(cancelRoute, { method: "POST", params: { ...p(), deliveryId: a.id }, token: admin() })).status).toBe(409);
    expect((await call(retryRoute, { method: "POST", params: { ...p(), deliveryId: b.id }, token: ctx.member.token })).status).toBe(403);
    // A dead one can be retried now too.
    expect((await call(retryRoute, { method: "POST", params: { ...p(), deliveryId: b.id }, token: admin() })).status).toBe(200);
  });
});

describe("Recover", () => {
  it("re-sends exactly the failed and dead deliveries since a time, each event once", async () => {
    const { webhook } = await newHook("/recover");
    let down = true;
    replies.set("/recover", () => (down ? { status: 500 } : undefined));
    down = false;
    await emitCaseCreated(ctx.project, 2); // will succeed
    await drain();
    down = true;
    const failing = await emitCaseCreated(ctx.project, 3);
    await drain();
    const rows = await rowsOf(webhook.id);
    const failed = rows.filter((r) => failing.includes(r.event_id));
    // One of them is dead already, and was replayed successfully: Recover must leave its event alone.
    await db().execute(dsql`update deliveries set status = 'dead' where id = ${failed[0].id}`);
    await db().execute(dsql`update deliveries set status = 'dead' where id = ${failed[1].id}`);
    down = false;
    const replay = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: failed[0].id }, token: admin() });
    await drainUntil("the replay", async () => (await detail(replay.json.delivery.id)).delivery.status === "succeeded");
    down = true;

    const since = new Date(Date.now() - 3_600_000).toISOString();
    const preview = await call(recoverPreview, { path: `/x?since=${encodeURIComponent(since)}`, params: { ...p(), webhookId: webhook.id }, token: admin() });
    expect(preview.json).toMatchObject({ count: 2, too_many: false, max_age_days: RECOVER_MAX_AGE_DAYS });
    const sentBefore = at("/recover").length;
    down = false;
    const res = await call(recoverRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin(), body: { since } });
    expect(res.json).toEqual({ recovered: 2, waiting: false });
    await drainUntil("the recovered ones", async () => at("/recover").length === sentBefore + 2);
    await drain();
    const resent = at("/recover").slice(sentBefore).map((r: Received) => r.headers["webhook-id"]);
    expect(new Set(resent)).toEqual(new Set([failed[1].event_id, failed[2].event_id]));
    expect(at("/recover").length).toBe(sentBefore + 2);
    // Nothing left to recover; the member may not; too old a time is refused.
    const again = await call(recoverPreview, { path: `/x?since=${encodeURIComponent(since)}`, params: { ...p(), webhookId: webhook.id }, token: admin() });
    expect(again.json.count).toBe(0);
    expect((await call(recoverRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.member.token, body: { since } })).status).toBe(403);
    const old = new Date(Date.now() - (RECOVER_MAX_AGE_DAYS + 1) * 86_400_000).toISOString();
    const refused = await call(recoverRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin(), body: { since: old } });
    expect(refused.status).toBe(422);
    const audit = await db().execute(dsql`select details from audit_log where target_id = ${webhook.id} and action = 'outbound_webhook.deliveries_recovered'`);
    expect(audit).toEqual([{ details: { since, count: 2 } }]);
  });

  it("re-sends an event whose every copy failed once, by its newest copy", async () => {
    const { webhook } = await newHook("/recover-copies");
    replies.set("/recover-copies", () => ({ status: 500 }));
    const [eventId] = await emitCaseCreated(ctx.project, 1);
    await drain();
    const [original] = await rowsOf(webhook.id);
    await db().execute(dsql`update deliveries set status = 'dead' where id = ${original.id}`);
    const replay = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: original.id }, token: admin() });
    const copyId: string = replay.json.delivery.id;
    await drainUntil("the replay to fail", async () => (await rowsOf(webhook.id)).some((r) => r.id === copyId && r.status === "failed"));
    await db().execute(dsql`update deliveries set status = 'dead' where id = ${copyId}`);

    const since = new Date(Date.now() - 3_600_000).toISOString();
    const preview = await call(recoverPreview, { path: `/x?since=${encodeURIComponent(since)}`, params: { ...p(), webhookId: webhook.id }, token: admin() });
    expect(preview.json).toMatchObject({ count: 1, too_many: false });
    replies.set("/recover-copies", () => undefined);
    const sentBefore = at("/recover-copies").length;
    const res = await call(recoverRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin(), body: { since } });
    expect(res.json).toEqual({ recovered: 1, waiting: false });
    expect((await rowsOf(webhook.id)).map((r) => [r.id, r.status])).toEqual([
      [original.id, "dead"],
      [copyId, "pending"],
    ]);
    await drainUntil("the recovered copy", async () => at("/recover-copies").length === sentBefore + 1);
    await drain();
    expect(at("/recover-copies").slice(sentBefore).map((r: Received) => r.headers["webhook-id"])).toEqual([eventId]);
  });
});

describe("replay onto a disabled webhook", () => {
  it("says it waits, and re-enable sends each event once", async () => {
    const { webhook } = await newHook("/disabled-replay");
    await emitCaseCreated(ctx.project, 1);
    await drain();
    const [original] = await rowsOf(webhook.id);
    // Disabled with a parked delivery of a later event, as the drain leaves it after 10 failures.
    await db().execute(dsql`update outbound_webhooks set health = 'disabled', consecutive_failures = 10 where id = ${webhook.id}`);
    const [parkedEvent] = await emitCaseCreated(ctx.project, 1);
    const parked = (await rowsOf(webhook.id)).find((r) => r.event_id === parkedEvent)!;
    expect((await detail(parked.id)).delivery.status).toBe("paused");

    const copy = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: original.id }, token: admin() });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ waiting: true, delivery: { status: "paused" } });
    // Stored as any new delivery is; parked only by its webhook's state.
    expect((await rowsOf(webhook.id)).find((r) => r.id === copy.json.delivery.id)?.status).toBe("pending");
    const onParked = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: parked.id }, token: admin() });
    expect(onParked.status).toBe(200); // already waiting: nothing added
    expect(onParked.json).toMatchObject({ waiting: true, delivery: { id: parked.id } });
    const twice = await call(replayRoute, { method: "POST", params: { ...p(), deliveryId: original.id }, token: admin() });
    expect(twice.json.delivery.id).toBe(copy.json.delivery.id);

    expect((await call(enableRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: admin() })).status).toBe(200);
    await drainUntil("the waiting deliveries", async () => (await rowsOf(webhook.id)).every((r) => r.status === "succeeded"));
    const ids = at("/disabled-replay").map((r) => r.headers["webhook-id"]);
    expect(ids.filter((id) => id === parkedEvent)).toHaveLength(1);
    expect(ids.filter((id) => id === original.event_id)).toHaveLength(2); // the original, then its one replay
  });
});

describe("search and date range", () => {
  it("finds a delivery by its webhook-id, its delivery id, and within a time range", async () => {
    const { webhook } = await newHook("/search");
    const [eventId] = await emitCaseCreated(ctx.project, 1);
    await drainUntil("the delivery", () => at("/search").length === 1);
    const webhookIdHeader = String(at("/search")[0].headers["webhook-id"]);
    const [row] = await rowsOf(webhook.id);
    expect(webhookIdHeader).toBe(eventId);
    // The event fans out to every webhook of the project that takes case.created: all of its deliveries match.
    const byEvent = (await list(`q=${webhookIdHeader}`)).json.deliveries as { id: string; event_id: string }[];
    expect(byEvent.map((d) => d.id)).toContain(row.id);
    expect(byEvent.every((d) => d.event_id === eventId)).toBe(true);
    expect((await list(`q=${row.id}`)).json.deliveries.map((d: { id: string }) => d.id)).toEqual([row.id]);
    expect((await list("q=evt_nothing_like_it")).json.deliveries).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await list(`webhook=${webhook.id}&from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).json.deliveries).toHaveLength(1);
    expect((await list(`webhook=${webhook.id}&from=${encodeURIComponent(future)}`)).json.deliveries).toHaveLength(0);
    expect((await list(`from=${encodeURIComponent(future)}&to=${encodeURIComponent(past)}`)).status).toBe(422);
    expect((await list("from=yesterday")).status).toBe(422);
    expect((await list(`q=${"x".repeat(201)}`)).status).toBe(422);
  });

  it("filters inbound receipts by their outcome, and outbound statuses never list inbound rows", async () => {
    const own = await makeProject("Filters");
    await db().execute(dsql`
      insert into deliveries (id, project_id, direction, event_type, status, outcome, inbound_provider)
      values ('dlv_in_rejected_' || md5(random()::text), ${own.project.id}, 'inbound', 'issues.opened', 'failed', 'rejected', 'github'),
             ('dlv_in_ignored_' || md5(random()::text), ${own.project.id}, 'inbound', 'issues.pinned', 'succeeded', 'ignored', 'github')`);
    const ownList = (q: string) => call(listRoute, { path: `/x?${q}`, params: { projectId: own.project.id }, token: own.admin.token });
    expect((await ownList("status=failed")).json.deliveries).toEqual([]);
    expect((await ownList("status=succeeded")).json.deliveries).toEqual([]);
    expect((await ownList("status=rejected")).json.deliveries).toEqual([expect.objectContaining({ outcome: "rejected", inbound_provider: "github" })]);
    expect((await ownList("status=ignored")).json.deliveries).toHaveLength(1);
  });
});

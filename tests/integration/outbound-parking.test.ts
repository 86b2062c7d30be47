// Parked is derived from the webhook (lib/outbound/engine/parked.ts): pausing and resuming write the
// webhook row, not its backlog; the claim, the overdue check and the lag metric skip a paused webhook;
// the API, the card and the metrics still show its waiting rows as parked; resume sends each once.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { POST as pauseRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/pause/route";
import { POST as resumeRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/resume/route";
import { GET as listRoute } from "@/app/api/v1/projects/[projectId]/deliveries/route";
import { POST as recoverRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/recover/route";
import { hasOverdueDeliveries } from "@/lib/outbound/engine/claim";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { outboxDepth, outboxLagSeconds } from "@/lib/metrics/outbox";
import { call, makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor } from "../helpers/webhook-receiver";

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const failFirst = new Set<string>(); // paths whose next request gets a 500

beforeAll(async () => {
  ctx = await makeProject("Parking");
  receiver = await startReceiver((r) => (failFirst.delete(r.path) ? { status: 500 } : undefined));
});
afterAll(() => receiver.close());

const p = () => ({ projectId: ctx.project.id });
const at = (path: string) => receiver.received.filter((r) => r.path === path);
const drain = () => drainOutbox({ untilIdle: true, timeBoxMs: 5_000 });
const pause = (webhookId: string) => call(pauseRoute, { method: "POST", params: { ...p(), webhookId }, token: ctx.admin.token });
const resume = (webhookId: string) => call(resumeRoute, { method: "POST", params: { ...p(), webhookId }, token: ctx.admin.token });
const shown = async (webhookId: string, filter = "") =>
  (await call(listRoute, { path: `/x?webhook=${webhookId}&limit=100${filter}`, params: p(), token: ctx.admin.token })).json.deliveries as { id: string; status: string }[];
/** Each row's xmin: it changes whenever the row is rewritten. */
const versions = async (webhookId: string) =>
  new Map((await db().execute<{ id: string; xmin: string }>(dsql`select id, xmin::text from deliveries where outbound_webhook_id = ${webhookId}`)).map((r) => [r.id, r.xmin]));

describe("a paused webhook's backlog", () => {
  it("is parked without a delivery row being written, is not overdue, and goes out once on resume", async () => {
    const N = 40;
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "backlog", url: receiver.url("/backlog"), events: ["case.created"] });
    const events = await emitCaseCreated(ctx.project, N);
    // Due an hour ago: overdue by any measure, were anyone meant to send them.
    await db().execute(dsql`update deliveries set next_attempt_at = now() - interval '1 hour' where outbound_webhook_id = ${webhook.id}`);
    const depthBefore = await outboxDepth();
    const before = await versions(webhook.id);

    const paused = await pause(webhook.id);
    expect(paused.json.webhook).toMatchObject({ paused: true, parked_count: N });
    expect((await shown(webhook.id)).map((d) => d.status)).toEqual(Array(N).fill("paused"));
    expect(await shown(webhook.id, "&status=paused")).toHaveLength(N);
    expect(await shown(webhook.id, "&status=pending")).toEqual([]);
    const depth = await outboxDepth();
    expect(depth.parked - depthBefore.parked).toBe(N);
    expect(depthBefore.pending - depth.pending).toBe(N);

    await drain(); // sends whatever else is due in this database; nothing of ours
    expect(at("/backlog")).toEqual([]);
    // The supervisor's check (worker.ts) and the lag metric do not count a paused webhook's backlog.
    expect(await hasOverdueDeliveries(sqlClient(), 30 * 60_000)).toBe(false);
    expect(await outboxLagSeconds()).toBeLessThan(30 * 60);

    const resumed = await resume(webhook.id);
    expect(resumed.json.webhook).toMatchObject({ paused: false, parked_count: 0 });
    expect(await hasOverdueDeliveries(sqlClient(), 30 * 60_000)).toBe(true);
    expect(await outboxLagSeconds()).toBeGreaterThanOrEqual(60 * 60);
    // Neither the pause nor the resume rewrote a delivery row.
    expect(await versions(webhook.id)).toEqual(before);
    const audit = await db().execute(dsql`select action, details from audit_log where target_id = ${webhook.id} and action in ('outbound_webhook.paused', 'outbound_webhook.resumed') order by id`);
    expect(audit).toEqual([
      { action: "outbound_webhook.paused", details: { parked: N } },
      { action: "outbound_webhook.resumed", details: { resumed: N } },
    ]);

    await waitFor("the backlog", async () => {
      await drain();
      return (await shown(webhook.id)).every((d) => d.status === "succeeded");
    }, 15_000, 50);
    const sent = at("/backlog").map((r) => r.headers["webhook-id"]);
    expect(sent).toHaveLength(N);
    expect(new Set(sent)).toEqual(new Set(events));
  });

  it("keeps a retry failed with its time while paused, and sends it at once on resume", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "retry", url: receiver.url("/retry"), events: ["case.created"] });
    failFirst.add("/retry");
    const [event] = await emitCaseCreated(ctx.project, 1);
    await drain();
    const stored = async () => (await db().execute<{ status: string; later: boolean }>(dsql`select status::text, next_attempt_at > now() as later from deliveries where outbound_webhook_id = ${webhook.id}`))[0];
    expect(await stored()).toEqual({ status: "failed", later: true });

    expect((await pause(webhook.id)).json.webhook).toMatchObject({ parked_count: 1 });
    expect((await shown(webhook.id)).map((d) => d.status)).toEqual(["paused"]);
    expect(await shown(webhook.id, "&status=failed")).toEqual([]);
    expect(await stored()).toEqual({ status: "failed", later: true }); // untouched

    await resume(webhook.id);
    expect(await stored()).toEqual({ status: "failed", later: false }); // due now, as before this change
    await waitFor("the retry", async () => {
      await drain();
      return (await stored()).status === "succeeded";
    }, 15_000, 50);
    expect(at("/retry").map((r) => r.headers["webhook-id"])).toEqual([event, event]);
  });

  it("Recover on a paused webhook takes the parked copy of an event, not a dead one beside it: resume sends it once", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "recover", url: receiver.url("/recover-parked"), events: ["case.created"] });
    failFirst.add("/recover-parked");
    const [event] = await emitCaseCreated(ctx.project, 1);
    await drain(); // failed once, retrying later
    // A later copy of the same event that died (e.g. a replay): the newest failed-or-dead row.
    await db().execute(dsql`insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status, attempts, created_at)
      select 'dlv_deadcopy' || substr(md5(random()::text), 1, 8), project_id, 'outbound', outbound_webhook_id, event_id, event_type, 'dead', 1, now() + interval '1 second'
      from deliveries where outbound_webhook_id = ${webhook.id}`);
    await pause(webhook.id);
    const since = new Date(Date.now() - 60_000).toISOString();
    const recovered = await call(recoverRoute, { method: "POST", params: { ...p(), webhookId: webhook.id }, token: ctx.admin.token, body: { since } });
    expect(recovered.json).toEqual({ recovered: 1, waiting: true });
    await resume(webhook.id);
    await waitFor("the recovered delivery", async () => {
      await drain();
      return (await shown(webhook.id)).some((d) => d.status === "succeeded");
    }, 15_000, 50);
    await drain();
    expect((await shown(webhook.id)).map((d) => d.status).sort()).toEqual(["dead", "succeeded"]);
    expect(at("/recover-parked").map((r) => r.headers["webhook-id"])).toEqual([event, event]); // the failure, then once
  });
});

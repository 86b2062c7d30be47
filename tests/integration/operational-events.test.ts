// Operational events: a webhook's health transitions, a secret rotation and a failing inbound webhook
// become events at the project's *other* subscribed webhooks (never the one they are about) and
// notices for the project's admins, read and marked read through /api/v1/me/notifications.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { deliveries, events as eventRows, inboundWebhooks } from "@/db/schema";
import { sweepSilentInbound } from "@/lib/inbound/silence";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { GET as listNotices, POST as markRead } from "@/app/api/v1/me/notifications/route";
import { POST as enableRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/enable/route";
import { POST as rotateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/rotate/route";
import { POST as receiptRoute } from "@/app/api/webhooks/[token]/route";
import { call, makeProject } from "../helpers/factories";
import { githubExample, trackerHeaders, withInboundWebhook } from "../helpers/inbound";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver } from "../helpers/webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver((r) => ({ status: r.path === "/failing" ? 500 : 200 }));
});
afterAll(() => receiver.close());

const eventsAt = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as { type: string; data: any });
const OPERATIONAL = ["webhook.degraded", "webhook.disabled", "webhook.recovered", "webhook.secret_rotated", "inbound.failing"];

describe("operational events", () => {
  it("a webhook driven to Disabled tells the other subscribed webhooks and the admins, never itself", async () => {
    const ctx = await makeProject("Ops");
    const failing = await createWebhook(ctx.project, ctx.admin.token, { name: "Flaky CI", url: receiver.url("/failing"), events: ["case.created", ...OPERATIONAL] });
    await createWebhook(ctx.project, ctx.admin.token, { name: "Alerts", url: receiver.url("/alerts"), events: OPERATIONAL });

    await emitCaseCreated(ctx.project, 10);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 }); // the events the transitions emitted

    // Both are due at once and sent concurrently: they may arrive in either order.
    const alerts = eventsAt("/alerts");
    expect(alerts.map((e) => e.type).sort()).toEqual(["webhook.degraded", "webhook.disabled"]);
    const degraded = alerts.find((e) => e.type === "webhook.degraded")!;
    const disabled = alerts.find((e) => e.type === "webhook.disabled")!;
    expect(disabled.data).toMatchObject({
      webhook: { id: failing.webhook.id, name: "Flaky CI", health: "disabled", url: receiver.url("/failing"), url_settings: expect.stringContaining(`/projects/${ctx.project.id}/settings/webhooks`) },
      previous_health: "degraded",
      consecutive_failures: 10,
    });
    expect(degraded.data).toMatchObject({ previous_health: "healthy", consecutive_failures: 5 });
    expect(eventsAt("/failing").map((e) => e.type)).not.toContain("webhook.disabled");
    expect(eventsAt("/failing").every((e) => e.type === "case.created")).toBe(true);

    const notices = await call(listNotices, { token: ctx.admin.token });
    expect(notices.status).toBe(200);
    expect(notices.json).toMatchObject({ unread: 2, is_admin: true });
    // One flush can record both transitions in one statement, so the two notices may share a time.
    expect(notices.json.notifications.map((n: { kind: string }) => n.kind).sort()).toEqual(["webhook.degraded", "webhook.disabled"]);
    const disabledNotice = notices.json.notifications.find((n: { kind: string }) => n.kind === "webhook.disabled");
    expect(disabledNotice).toMatchObject({ project: { id: ctx.project.id }, subject_id: failing.webhook.id, read_at: null, link: `/projects/${ctx.project.id}/settings/webhooks` });
    expect(disabledNotice.message).toContain("Flaky CI");
    // Members are not admins: nothing for them, and no bell.
    expect((await call(listNotices, { token: ctx.member.token })).json).toMatchObject({ notifications: [], unread: 0, is_admin: false });

    const one = await call(markRead, { method: "POST", token: ctx.admin.token, body: { ids: [notices.json.notifications[1].id] } });
    expect(one.json).toEqual({ unread: 1 });
    const all = await call(markRead, { method: "POST", token: ctx.admin.token, body: { all: true } });
    expect(all.json).toEqual({ unread: 0 });
    // Another user cannot mark someone else's notices: their own count is what comes back.
    expect((await call(markRead, { method: "POST", token: ctx.outsider.token, body: { all: true } })).json).toEqual({ unread: 0 });

    // An admin re-enabling it (the receiver fixed) is a recovery too.
    receiver.setResponder(() => ({ status: 200 }));
    const enabled = await call(enableRoute, { method: "POST", params: { projectId: ctx.project.id, webhookId: failing.webhook.id }, token: ctx.admin.token });
    expect(enabled.status).toBe(200);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    expect(eventsAt("/alerts").at(-1)).toMatchObject({ type: "webhook.recovered", data: { webhook: { id: failing.webhook.id, health: "healthy" }, previous_health: "disabled", reason: "Re-enabled by an admin." } });
    expect((await call(listNotices, { token: ctx.admin.token })).json).toMatchObject({ unread: 1, notifications: [{ kind: "webhook.recovered" }, {}, {}] });
    receiver.setResponder((r) => ({ status: r.path === "/failing" ? 500 : 200 }));
  });

  it("a one-time recovery is reported when a degraded webhook succeeds again", async () => {
    const ctx = await makeProject("Recovery");
    let fail = true;
    receiver.setResponder((r) => ({ status: r.path === "/sometimes" && fail ? 500 : 200 }));
    await createWebhook(ctx.project, ctx.admin.token, { name: "Sometimes", url: receiver.url("/sometimes"), events: ["case.created"] });
    await createWebhook(ctx.project, ctx.admin.token, { name: "Alerts", url: receiver.url("/alerts-2"), events: OPERATIONAL });
    await emitCaseCreated(ctx.project, 5);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    fail = false;
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    expect(eventsAt("/alerts-2").map((e) => e.type)).toEqual(["webhook.degraded", "webhook.recovered"]);
    receiver.setResponder((r) => ({ status: r.path === "/failing" ? 500 : 200 }));
  });

  it("rotating a signing secret emits webhook.secret_rotated to the other webhooks", async () => {
    const ctx = await makeProject("Rotation");
    const rotated = await createWebhook(ctx.project, ctx.admin.token, { name: "Signed", url: receiver.url("/signed"), events: OPERATIONAL });
    await createWebhook(ctx.project, ctx.admin.token, { name: "Alerts", url: receiver.url("/alerts-3"), events: OPERATIONAL });
    const res = await call(rotateRoute, { method: "POST", params: { projectId: ctx.project.id, webhookId: rotated.webhook.id }, token: ctx.admin.token });
    expect(res.status).toBe(200);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    const [event] = eventsAt("/alerts-3");
    expect(event).toMatchObject({ type: "webhook.secret_rotated", data: { webhook: { id: rotated.webhook.id }, retiring_secret_id: expect.any(String) } });
    expect(JSON.stringify(event)).not.toContain(res.json.secret);
    expect(eventsAt("/signed")).toEqual([]);
  });

  it("five rejected receipts in a row emit inbound.failing once", async () => {
    const ctx = await makeProject("Inbound failing");
    await createWebhook(ctx.project, ctx.admin.token, { name: "Alerts", url: receiver.url("/alerts-4"), events: ["inbound.failing"] });
    const inbound = await withInboundWebhook(ctx.admin.id, ctx.project.id, "github");
    const body = JSON.stringify(githubExample("opened"));
    for (let i = 0; i < 7; i++) {
      const res = await call(receiptRoute, { method: "POST", params: { token: inbound.token }, body, headers: trackerHeaders("github", body, { secret: "wrong" }) });
      expect(res.status).toBe(401);
    }
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    const events = eventsAt("/alerts-4");
    expect(events.map((e) => e.type)).toEqual(["inbound.failing"]);
    expect(events[0].data).toMatchObject({ inbound_webhook: { id: expect.stringMatching(/^iwh_/), provider: "github" }, reason: "consecutive_rejections" });
    expect((await call(listNotices, { token: ctx.admin.token })).json.notifications.map((n: { kind: string }) => n.kind)).toEqual(["inbound.failing"]);
  });

  it("an inbound webhook silent for a day after traffic is reported once per spell; one that never had traffic never", async () => {
    const ctx = await makeProject("Inbound silent");
    await createWebhook(ctx.project, ctx.admin.token, { name: "Alerts", url: receiver.url("/alerts-5"), events: ["inbound.failing"] });
    const inbound = await withInboundWebhook(ctx.admin.id, ctx.project.id, "github");
    const unused = await makeProject("Never heard from");
    await withInboundWebhook(unused.admin.id, unused.project.id, "github");
    const send = (secret: string | undefined, action = "edited") => {
      const body = JSON.stringify(githubExample(action as "edited"));
      return call(receiptRoute, { method: "POST", params: { token: inbound.token }, body, headers: trackerHeaders("github", body, { secret }) });
    };
    // Every receipt so far took place more than a day ago.
    const age = () => db().update(deliveries).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(deliveries.projectId, ctx.project.id));
    const failing = async (projectId: string) =>
      db().select({ body: eventRows.body }).from(eventRows).where(and(eq(eventRows.projectId, projectId), eq(eventRows.type, "inbound.failing")));
    const notices = async (token: string) => (await call(listNotices, { token })).json.notifications as { kind: string; message: string }[];

    expect((await send(inbound.secret)).status).toBe(202);
    await sweepSilentInbound();
    expect(await failing(ctx.project.id)).toEqual([]); // accepted just now: not silent

    await age();
    await sweepSilentInbound();
    await sweepSilentInbound();
    expect((await send("whsec_wrong")).status).toBe(401); // a refusal does not end the spell
    await sweepSilentInbound();
    expect(await failing(ctx.project.id)).toHaveLength(1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    const [event] = eventsAt("/alerts-5");
    expect(event).toMatchObject({ type: "inbound.failing", data: { inbound_webhook: { provider: "github" }, reason: "silent", detail: expect.stringMatching(/Nothing has been accepted from GitHub for over a day/) } });
    expect(await notices(ctx.admin.token)).toMatchObject([{ kind: "inbound.failing", message: expect.stringMatching(/has gone quiet/) }]);

    // Traffic again ends the spell; silence again is a new one.
    expect((await send(inbound.secret, "reopened")).status).toBe(202);
    const [hook] = await db().select({ mark: inboundWebhooks.silentNotifiedAt }).from(inboundWebhooks).where(eq(inboundWebhooks.projectId, ctx.project.id));
    expect(hook.mark).toBeNull();
    await sweepSilentInbound();
    expect(await failing(ctx.project.id)).toHaveLength(1);
    await age();
    await sweepSilentInbound();
    await sweepSilentInbound();
    expect(await failing(ctx.project.id)).toHaveLength(2);
    expect(await notices(ctx.admin.token)).toHaveLength(2);

    expect(await failing(unused.project.id)).toEqual([]);
    expect(await notices(unused.admin.token)).toEqual([]);
  });
});

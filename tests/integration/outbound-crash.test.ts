// The outbox's promises under failure and contention, with drains in real child processes:
// a drain killed with SIGKILL mid-batch loses nothing, and two drains at once never double-send.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { claimDueDeliveries, releaseDeliveries, type ClaimedDelivery } from "@/lib/outbound/engine/claim";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { recordAttempts, type AttemptRecord } from "@/lib/outbound/engine/record";
import { makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor } from "../helpers/webhook-receiver";

const CHILD = path.resolve(import.meta.dirname, "outbound-drain-child.ts");
const children: ChildProcess[] = [];

function startChild(leaseMs: number, mode: "forever" | "once") {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHILD, String(leaseMs), mode], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let slow = true;

beforeAll(async () => {
  ctx = await makeProject("Outbound crash");
  // While `slow`, requests hang long enough for the test to kill the drain that sent them.
  receiver = await startReceiver((r) => (r.path === "/crash" && slow ? { delayMs: 20_000 } : undefined));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await receiver.close();
});

const statuses = async (webhookIds: string[]) =>
  db().execute<{ status: string; n: number }>(
    // A claimed row keeps its status and carries a lease: shown as delivering, like the API does.
    dsql`select (case when lease_until is not null then 'delivering' else status::text end) as status, count(*)::int as n
         from deliveries where outbound_webhook_id in ${webhookIds} group by 1`,
  );

describe("crash safety", () => {
  it("a drain killed with SIGKILL mid-batch loses nothing: after the lease expires every delivery arrives", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "crash", url: receiver.url("/crash"), events: ["case.created"] });
    const eventIds = await emitCaseCreated(ctx.project, 40);
    const { child, output } = startChild(2_000, "forever");
    await waitFor("the child drain to claim and start sending", () => output().includes("claimed") && receiver.received.length >= 10, 30_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const leased = await statuses([webhook.id]);
    expect(leased.find((s) => s.status === "delivering")?.n ?? 0).toBeGreaterThan(0); // claimed, never settled

    slow = false;
    await waitFor(
      "every delivery to succeed after the lease expires",
      async () => {
        await drainOutbox({ untilIdle: true, timeBoxMs: 3_000 });
        const s = await statuses([webhook.id]);
        return s.length === 1 && s[0].status === "succeeded" && s[0].n === 40;
      },
      20_000,
      100,
    );
    const answered = new Set(receiver.received.filter((r) => r.path === "/crash").map((r) => r.headers["webhook-id"]));
    expect(answered).toEqual(new Set(eventIds));
  });

  it("two drains running at once over 5,000 deliveries send each exactly once", async () => {
    const own = await makeProject("Two drains"); // no other webhooks subscribed
    const hooks = [];
    for (let i = 0; i < 5; i++) {
      hooks.push((await createWebhook(own.project, own.admin.token, { name: `pair ${i}`, url: receiver.url(`/pair${i}`), events: ["case.created"] })).webhook.id);
    }
    for (let i = 0; i < 4; i++) await emitCaseCreated(own.project, 250); // 1,000 events × 5 webhooks
    const before = receiver.received.length;
    const a = startChild(60_000, "once");
    const b = startChild(60_000, "once");
    await waitFor("both drains ready", () => a.output().includes("ready") && b.output().includes("ready"), 30_000);
    a.child.stdin!.write("go\n");
    b.child.stdin!.write("go\n");
    await Promise.all([a, b].map(({ child }) => new Promise((r) => child.once("exit", r))));
    const counts = [a, b].map(({ output }) => JSON.parse(output().trim().split("\n").at(-1)!));
    const got = receiver.received.slice(before).filter((r) => r.path.startsWith("/pair"));
    const deliveryIds = got.map((r) => r.headers["x-switchyard-delivery"]);
    expect(got).toHaveLength(5_000);
    expect(new Set(deliveryIds).size).toBe(5_000);
    expect(counts[0].succeeded + counts[1].succeeded).toBe(5_000);
    expect(counts[0].claimed).toBeGreaterThan(0);
    expect(counts[1].claimed).toBeGreaterThan(0);
    const s = await statuses(hooks);
    expect(s).toEqual([{ status: "succeeded", n: 5_000 }]);
  }, 90_000);

  it("a late result of an expired lease changes nothing once another drain has claimed the delivery again", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "late", url: receiver.url("/late"), events: ["case.created"] });
    await emitCaseCreated(ctx.project, 1);
    // Claims as a drain would, keeping only this webhook's delivery and handing any other back.
    const claimOurs = async (leaseMs: number): Promise<ClaimedDelivery | undefined> => {
      const { deliveries } = await claimDueDeliveries(sqlClient(), { limit: 100, leaseMs });
      await releaseDeliveries(sqlClient(), deliveries.filter((d) => d.webhookId !== webhook.id));
      return deliveries.find((d) => d.webhookId === webhook.id);
    };
    const outcome = (d: ClaimedDelivery, ok: boolean): AttemptRecord => ({
      deliveryId: d.id, webhookId: d.webhookId, n: d.attempt, startedAt: new Date(), durationMs: 1,
      statusCode: ok ? 200 : 500, errorClass: ok ? null : "http_status", errorMessage: ok ? null : "HTTP 500",
      customHeaderNames: [], responseExcerpt: null, responseHeaders: null, requestBody: null, test: false,
      decision: ok ? { kind: "succeeded" } : { kind: "retry", delayMs: 60_000 },
    });
    const row = async (id: string) =>
      (await db().execute<{ status: string; attempts: number; leased: boolean }>(dsql`select status::text, attempts, lease_until is not null as leased from deliveries where id = ${id}`))[0];

    const first = (await claimOurs(50))!;
    expect(first.attempt).toBe(1);
    let second: ClaimedDelivery | undefined;
    await waitFor("the lease to end and a second claim to take the delivery", async () => (second = await claimOurs(60_000)) !== undefined, 10_000, 20);
    expect(second!.attempt).toBe(2);

    await recordAttempts(sqlClient(), [outcome(first, false)]);
    expect(await row(first.id)).toEqual({ status: "pending", attempts: 2, leased: true }); // logged, not settled

    await recordAttempts(sqlClient(), [outcome(second!, true)]);
    expect(await row(first.id)).toEqual({ status: "succeeded", attempts: 2, leased: false });
    const logged = await db().execute<{ n: number }>(dsql`select n from delivery_attempts where delivery_id = ${first.id} order by n`);
    expect(logged.map((a) => a.n)).toEqual([1, 2]);
  });
});

describe("claims", () => {
  it("lease no more of a webhook's deliveries than the room it has left, so none is handed back", async () => {
    const { webhook: a } = await createWebhook(ctx.project, ctx.admin.token, { name: "room a", url: receiver.url("/room-a"), events: ["case.created"] });
    const { webhook: b } = await createWebhook(ctx.project, ctx.admin.token, { name: "room b", url: receiver.url("/room-b"), events: ["case.created"] });
    await emitCaseCreated(ctx.project, 10); // ten for each (and for any other webhook of the project)
    const { deliveries } = await claimDueDeliveries(sqlClient(), { limit: 1_000, leaseMs: 60_000, perWebhook: 3, room: new Map([[a.id, 1]]) });
    await releaseDeliveries(sqlClient(), deliveries);
    const perWebhook = new Map<string, number>();
    for (const d of deliveries) perWebhook.set(d.webhookId, (perWebhook.get(d.webhookId) ?? 0) + 1);
    expect(perWebhook.get(a.id)).toBe(1);
    expect(perWebhook.get(b.id)).toBe(3);
    expect(Math.max(...perWebhook.values())).toBe(3);
  });

  it("handing back a claim whose lease ran out and was taken again changes nothing", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "handback", url: receiver.url("/handback"), events: ["case.created"] });
    await emitCaseCreated(ctx.project, 1);
    const ours = async (leaseMs: number) => {
      const { deliveries } = await claimDueDeliveries(sqlClient(), { limit: 1_000, leaseMs });
      await releaseDeliveries(sqlClient(), deliveries.filter((d) => d.webhookId !== webhook.id));
      return deliveries.find((d) => d.webhookId === webhook.id);
    };
    const first = (await ours(50))!;
    let second: ClaimedDelivery | undefined;
    await waitFor("the lease to end and a second claim to take the delivery", async () => (second = await ours(60_000)) !== undefined, 10_000, 20);
    await releaseDeliveries(sqlClient(), [first]); // the first drain gives up on its (expired) claim
    const [row] = await db().execute<{ attempts: number; leased: boolean }>(dsql`select attempts, lease_until is not null as leased from deliveries where id = ${first.id}`);
    expect(row).toEqual({ attempts: second!.attempt, leased: true });
    await releaseDeliveries(sqlClient(), [second!]);
  });

  it("a row whose attempt counter disagrees with its attempt log does not fail the other outcomes of its batch", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "poison", url: receiver.url("/poison"), events: ["case.created"] });
    await emitCaseCreated(ctx.project, 3);
    const [odd] = await db().execute<{ id: string }>(dsql`select id from deliveries where outbound_webhook_id = ${webhook.id} limit 1`);
    // Attempt 1 already logged while the counter still says 0 (the next claim numbers its attempt 1 again).
    await db().execute(dsql`insert into delivery_attempts (delivery_id, n, started_at, duration_ms) values (${odd.id}, 1, now(), 5)`);
    await drainOutbox({ untilIdle: true, timeBoxMs: 10_000 });
    expect(await statuses([webhook.id])).toEqual([{ status: "succeeded", n: 3 }]);
  });

  it("a drain until idle does not stop while a webhook left out of a claim (at its cap) still has due rows", async () => {
    // The claim leaves out a webhook at its cap; if that webhook's last send finishes while the claim
    // runs, nothing is in flight when it returns empty, but the webhook's next rows are due.
    for (let round = 0; round < 10; round++) {
      const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: `cap ${round}`, url: receiver.url(`/cap-${round}`), events: ["case.created"] });
      await emitCaseCreated(ctx.project, 3);
      await drainOutbox({ untilIdle: true, timeBoxMs: 10_000, perWebhookCap: 1 });
      expect(await statuses([webhook.id])).toEqual([{ status: "succeeded", n: 3 }]);
      await db().execute(dsql`update outbound_webhooks set events = '{}' where id = ${webhook.id}`); // out of the next rounds' way
    }
  });

  it("a backlog that comes due at one instant is drained without claiming rows only to hand them back", async () => {
    const { webhook } = await createWebhook(ctx.project, ctx.admin.token, { name: "instant", url: receiver.url("/instant"), events: ["case.created"] });
    await emitCaseCreated(ctx.project, 40);
    // Every row of the backlog due at the same instant, as resume and re-enable make them.
    await db().execute(dsql`update deliveries set next_attempt_at = now() - interval '1 second' where outbound_webhook_id = ${webhook.id}`);
    const counts = await drainOutbox({ untilIdle: true, timeBoxMs: 20_000, batchSize: 16, perWebhookCap: 8, concurrency: 64 });
    expect(counts.released).toBe(0);
    expect(await statuses([webhook.id])).toEqual([{ status: "succeeded", n: 40 }]);
  });
});

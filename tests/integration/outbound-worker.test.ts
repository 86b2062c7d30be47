// The in-process worker's promises (issue 11 item 3, issue 16 item 5): a cycle that hangs or stops
// claiming is restarted; a retry comes due and goes out while slow sends hold the room; and on
// SIGTERM the deliveries it had claimed are handed back at once for another instance to send.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db } from "@/db/client";
import { drainOutbox, type DrainOptions } from "@/lib/outbound/engine/drain";
import { startOutboxWorker, type OutboxWorker } from "@/lib/outbound/engine/worker";
import { makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor, type Reply } from "../helpers/webhook-receiver";

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const replies = new Map<string, (n: number) => Reply | undefined>();
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  receiver = await startReceiver((r) => {
    const path = r.path;
    return replies.get(path)?.(receiver.received.filter((x) => x.path === path).length);
  });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await receiver.close();
});

const at = (p: string) => receiver.received.filter((r) => r.path === p);
const statuses = async (webhookId: string) =>
  db().execute<{ status: string; n: number }>(
    dsql`select (case when lease_until is not null then 'delivering' else status::text end) as status, count(*)::int as n
         from deliveries where outbound_webhook_id = ${webhookId} group by 1`,
  );

async function freshHook(path: string) {
  ctx = await makeProject(`Worker ${path}`); // a project of its own: no other webhook gets its events
  return (await createWebhook(ctx.project, ctx.admin.token, { name: path, url: receiver.url(path), events: ["case.created"] })).webhook;
}

describe("a supervised worker", () => {
  it("restarts a cycle that hangs, with one log line, and then delivers", async () => {
    await freshHook("/after-hang");
    let calls = 0;
    // The first cycle never returns and never beats: what a wedged database call looked like.
    const drain = (o: DrainOptions) => (calls++ === 0 ? new Promise<never>(() => {}) : drainOutbox(o));
    const worker = startOutboxWorker({ drain, stallMs: 300, checkEveryMs: 50, drainOptions: { pollMs: 50 } });
    workers.push(worker);
    await emitCaseCreated(ctx.project, 3);
    await waitFor("the events to arrive after the restart", () => at("/after-hang").length === 3, 15_000);
    expect(worker.status().restarts).toBeGreaterThanOrEqual(1);
    await worker.stop();
  });

  it("restarts a cycle that keeps beating but stops claiming while deliveries are overdue", async () => {
    await freshHook("/after-idle");
    let calls = 0;
    const drain = (o: DrainOptions) =>
      calls++ === 0
        ? new Promise<void>((resolve) => {
            const beat = setInterval(() => o.heartbeat?.(), 20); // alive, but never claims
            o.signal?.addEventListener("abort", () => (clearInterval(beat), resolve()));
          })
        : drainOutbox(o);
    const worker = startOutboxWorker({ drain, stallMs: 300, checkEveryMs: 50, drainOptions: { pollMs: 50 } });
    workers.push(worker);
    await emitCaseCreated(ctx.project, 2);
    await waitFor("the events to arrive after the restart", () => at("/after-idle").length === 2, 15_000);
    expect(worker.status().restarts).toBeGreaterThanOrEqual(1);
    await worker.stop();
  });
});

describe("a drain with slow sends in flight", () => {
  it("still claims a retry when it comes due, with the room it has left", async () => {
    const slow = await freshHook("/slow");
    await emitCaseCreated(ctx.project, 7); // 7 slow sends will fill 7 of the 8 places
    const fast = await createWebhook(ctx.project, ctx.admin.token, { name: "fast", url: receiver.url("/fast"), events: ["case.created"] });
    // Each held for longer than the test waits: only a drain that keeps polling sends the retry in time.
    replies.set("/slow", () => ({ delayMs: 20_000 }));
    replies.set("/fast", (n) => (n === 1 ? { status: 429, headers: { "retry-after": "1" } } : undefined));
    await emitCaseCreated(ctx.project, 1); // one more slow delivery (over the cap, released) and the fast one
    const stop = new AbortController();
    const drain = drainOutbox({ timeBoxMs: 30_000, pollMs: 100, concurrency: 8, batchSize: 8, perWebhookCap: 7, attemptTimeoutMs: 25_000, signal: stop.signal, stopGraceMs: 0 });
    try {
      await waitFor("the retry to succeed while the slow sends are still open", async () => (await statuses(fast.webhook.id))[0]?.status === "succeeded", 8_000);
      expect(at("/fast")).toHaveLength(2);
      expect(at("/slow")).toHaveLength(7);
    } finally {
      stop.abort();
      await drain;
    }
    // Stopped with no grace: the cut sends were handed back, not left leased.
    expect((await statuses(slow.id)).find((s) => s.status === "delivering")).toBeUndefined();
    replies.delete("/slow");
  });
});

describe("SIGTERM", () => {
  it("hands back the deliveries it had claimed, so a second instance sends them at once, not after the lease", async () => {
    const hook = await freshHook("/sigterm");
    replies.set("/sigterm", () => ({ delayMs: 30_000 }));
    await emitCaseCreated(ctx.project, 20);
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(import.meta.dirname, "outbound-drain-child.ts"), "60000", "worker"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    try {
      await waitFor("the worker to be sending", () => at("/sigterm").length === 20, 45_000);
      expect((await statuses(hook.id)).find((s) => s.status === "delivering")?.n).toBe(20); // leased for 60 s
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      expect(out).toContain("stopped");
      expect((await statuses(hook.id)).find((s) => s.status === "delivering")).toBeUndefined();

      replies.delete("/sigterm");
      const counts = await drainOutbox({ untilIdle: true, timeBoxMs: 10_000 }); // the second instance
      expect(counts.succeeded).toBeGreaterThanOrEqual(20);
      expect(await statuses(hook.id)).toEqual([{ status: "succeeded", n: 20 }]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 90_000); // a child process to start (tsx) on a busy machine
});

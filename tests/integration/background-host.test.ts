// The background process as the server runs it (lib/background/host.ts forks lib/background/child.ts):
// the child delivers, a child killed with SIGKILL is started again and delivers on, and stop() (the
// server's SIGTERM) ends it cleanly — sends in flight cut after the grace period, their leases handed
// back at once for another instance, exit code 0.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db } from "@/db/client";
import { startBackgroundHost, type BackgroundHost } from "@/lib/background/host";
import { outboxWorkerStatus } from "@/lib/outbound/engine/worker";
import { makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver, waitFor } from "../helpers/webhook-receiver";

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let host: BackgroundHost;

beforeAll(async () => {
  ctx = await makeProject("Background host");
  receiver = await startReceiver((r) => (r.path === "/slow" ? { delayMs: 30_000 } : undefined));
  host = startBackgroundHost();
});
afterAll(async () => {
  await host.stop();
  await receiver.close();
});

const at = (p: string) => receiver.received.filter((r) => r.path === p);
const leased = async (webhookId: string) =>
  (await db().execute<{ n: number }>(dsql`select count(*)::int as n from deliveries where outbound_webhook_id = ${webhookId} and lease_until is not null`))[0].n;
const hook = async (path: string) => (await createWebhook(ctx.project, ctx.admin.token, { name: path, url: receiver.url(path), events: ["case.created"] })).webhook;

describe("the background process", () => {
  it("delivers, reports its status to the server process, and is started again after a SIGKILL", async () => {
    await hook("/first");
    await emitCaseCreated(ctx.project, 3);
    await waitFor("the child to deliver", () => at("/first").length === 3, 60_000);
    await waitFor("a status report with a claim", () => outboxWorkerStatus()?.lastClaimAt != null, 10_000);

    const first = host.pid()!;
    process.kill(first, "SIGKILL");
    await waitFor("a new child", () => host.pid() !== undefined && host.pid() !== first, 30_000);
    expect(host.lastExit()).toEqual({ code: null, signal: "SIGKILL" });
    expect(host.status().restarts).toBeGreaterThanOrEqual(1);

    await hook("/second");
    await emitCaseCreated(ctx.project, 3);
    await waitFor("the new child to deliver", () => at("/second").length === 3, 60_000);
  }, 120_000);

  it("stops on SIGTERM: hands back the leases of the sends it had to cut, and exits 0", async () => {
    const slow = await hook("/slow");
    await emitCaseCreated(ctx.project, 5);
    await waitFor("the child to be sending", () => at("/slow").length === 5, 60_000);
    expect(await leased(slow.id)).toBe(5);
    const pid = host.pid()!;
    await host.stop(); // SIGTERM; the sends in flight get the 10 s grace, then are cut
    expect(host.lastExit()).toEqual({ code: 0, signal: null });
    expect(() => process.kill(pid, 0)).toThrow();
    expect(host.status().running).toBe(false);
    expect(await leased(slow.id)).toBe(0);
  }, 120_000);
});

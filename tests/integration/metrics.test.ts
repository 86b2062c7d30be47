// GET /api/metrics: Prometheus text behind METRICS_TOKEN, parsed with a Prometheus text parser; the
// values move as deliveries and receipts happen.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";
process.env.METRICS_TOKEN = "test-metrics-token-0123456789";

import parse, { type Family } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db } from "@/db/client";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { POST as receiptRoute } from "@/app/api/webhooks/[token]/route";
import { call, makeProject } from "../helpers/factories";
import { githubExample, trackerHeaders, withInboundWebhook } from "../helpers/inbound";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver } from "../helpers/webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver((r) => ({ status: r.path === "/down" ? 503 : 200 }));
});
afterAll(() => receiver.close());

async function scrape(): Promise<Family[]> {
  const res = await call(metricsRoute, { token: process.env.METRICS_TOKEN });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parse(res.text);
}
/** The value of `name` whose labels include `labels` (0 when absent); a histogram's count. */
function value(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? sample?.count ?? 0);
}

describe("GET /api/metrics", () => {
  it("answers 401 without the token or with a wrong one", async () => {
    expect((await call(metricsRoute, {})).status).toBe(401);
    expect((await call(metricsRoute, { token: "not-the-metrics-token" })).status).toBe(401);
    expect((await call(metricsRoute, { headers: { authorization: `Basic ${process.env.METRICS_TOKEN}` } })).status).toBe(401);
  });

  it("is Prometheus text whose values move as deliveries and receipts happen", async () => {
    const ctx = await makeProject("Metrics");
    await createWebhook(ctx.project, ctx.admin.token, { name: "Up", url: receiver.url("/up"), events: ["case.created"] });
    await createWebhook(ctx.project, ctx.admin.token, { name: "Down", url: receiver.url("/down"), events: ["case.created"] });

    // The database is shared with this worker's earlier test files: their webhooks are paused, so the
    // drain below moves only this test's deliveries (their leftovers' retries would come due meanwhile).
    await db().execute(dsql`update outbound_webhooks set paused = true where project_id <> ${ctx.project.id}`);
    const before = await scrape();
    expect(before.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "switchyard_outbox_deliveries",
        "switchyard_outbox_lag_seconds",
        "switchyard_delivery_attempts_total",
        "switchyard_event_delivered_seconds",
        "switchyard_webhooks",
        "switchyard_live_streams_open",
        "switchyard_inbound_receipts_total",
        "switchyard_db_pool_connections",
      ]),
    );
    expect(before.find((f) => f.name === "switchyard_event_delivered_seconds")?.type).toBe("HISTOGRAM");
    expect(value(before, "switchyard_db_pool_connections", { state: "max" })).toBeGreaterThan(0);
    expect(value(before, "switchyard_db_pool_connections", { state: "in_use" })).toBeGreaterThanOrEqual(1);

    await emitCaseCreated(ctx.project, 3);
    const queued = await scrape();
    expect(value(queued, "switchyard_outbox_deliveries", { state: "pending" }) - value(before, "switchyard_outbox_deliveries", { state: "pending" })).toBe(6);
    expect(value(queued, "switchyard_outbox_lag_seconds")).toBeGreaterThanOrEqual(0);

    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    const after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta("switchyard_delivery_attempts_total", { outcome: "success" })).toBeGreaterThanOrEqual(3);
    expect(delta("switchyard_delivery_attempts_total", { outcome: "http_5xx" })).toBe(3);
    expect(delta("switchyard_event_delivered_seconds")).toBe(delta("switchyard_delivery_attempts_total", { outcome: "success" }));
    // The database is shared with this worker's other test files, whose leftovers the drain may also move.
    expect(value(queued, "switchyard_outbox_deliveries", { state: "pending" }) - value(after, "switchyard_outbox_deliveries", { state: "pending" })).toBeGreaterThanOrEqual(6);
    expect(delta("switchyard_outbox_deliveries", { state: "retrying" })).toBeGreaterThanOrEqual(3);
    expect(value(after, "switchyard_webhooks", { health: "healthy" })).toBeGreaterThanOrEqual(2);

    const inbound = await withInboundWebhook(ctx.admin.id, ctx.project.id, "github");
    const body = JSON.stringify(githubExample("opened"));
    await call(receiptRoute, { method: "POST", params: { token: inbound.token }, body, headers: trackerHeaders("github", body, { secret: "wrong" }) });
    await call(receiptRoute, { method: "POST", params: { token: inbound.token }, body, headers: trackerHeaders("github", body, { secret: inbound.secret }) });
    const received = await scrape();
    expect(value(received, "switchyard_inbound_receipts_total", { outcome: "rejected" }) - value(after, "switchyard_inbound_receipts_total", { outcome: "rejected" })).toBe(1);
    expect(value(received, "switchyard_inbound_receipts_total", { outcome: "imported" }) - value(after, "switchyard_inbound_receipts_total", { outcome: "imported" })).toBe(1);
  });
});

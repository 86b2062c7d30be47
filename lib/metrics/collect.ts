// The gauges of /api/metrics, read when Prometheus scrapes: outbox depth and lag, webhooks by health,
// open live streams (this process), and this process's database connections as PostgreSQL lists them.
import "server-only";
import client from "prom-client";
import { APPLICATION_NAME, sqlClient } from "@/db/client";
import { webhookHealth } from "@/db/schema";
import { openLiveStreamCount } from "@/lib/realtime/sse";
import { OUTBOX_STATES, outboxDepth, outboxLagSeconds } from "./outbox";
import { metrics } from "./registry";

const g = globalThis as unknown as { switchyardGauges?: true };

function registerGauges(registry: client.Registry): void {
  new client.Gauge({
    name: "switchyard_outbox_deliveries",
    help: "Outbound deliveries waiting or in flight, by state (pending, retrying, delivering, parked).",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const depth = await outboxDepth();
      for (const state of OUTBOX_STATES) this.set({ state }, depth[state]);
    },
  });
  new client.Gauge({
    name: "switchyard_outbox_lag_seconds",
    help: "How long the oldest due, unclaimed delivery has waited past its time (0: none waiting).",
    registers: [registry],
    async collect() {
      this.set(await outboxLagSeconds());
    },
  });
  new client.Gauge({
    name: "switchyard_webhooks",
    help: "Outbound webhooks by health.",
    labelNames: ["health"],
    registers: [registry],
    async collect() {
      const rows = await sqlClient()<{ health: string; n: number }[]>`select health, count(*)::int as n from outbound_webhooks group by health`;
      for (const health of webhookHealth.enumValues) this.set({ health }, rows.find((r) => r.health === health)?.n ?? 0);
    },
  });
  new client.Gauge({
    name: "switchyard_live_streams_open",
    help: "Live-update (SSE) streams open in this process.",
    registers: [registry],
    collect() {
      this.set(openLiveStreamCount());
    },
  });
  new client.Gauge({
    name: "switchyard_db_pool_connections",
    help: "This process's database connections (pool size max): in_use (running a query or in a transaction), idle, waiting (on a lock), max.",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      // postgres.js does not expose its pool's state; PostgreSQL lists our connections by application_name.
      const [row] = await sqlClient()<{ in_use: number; idle: number; waiting: number }[]>`
        select count(*) filter (where state <> 'idle')::int as in_use, count(*) filter (where state = 'idle')::int as idle,
               count(*) filter (where wait_event_type = 'Lock')::int as waiting
        from pg_stat_activity where application_name = ${APPLICATION_NAME}`;
      this.set({ state: "in_use" }, row.in_use);
      this.set({ state: "idle" }, row.idle);
      this.set({ state: "waiting" }, row.waiting);
      this.set({ state: "max" }, sqlClient().options.max);
    },
  });
}

/** The Prometheus text of every metric, and its content type. */
export async function renderMetrics(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  if (!g.switchyardGauges) {
    registerGauges(registry);
    g.switchyardGauges = true;
  }
  return { text: await registry.metrics(), contentType: registry.contentType };
}

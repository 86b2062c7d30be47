// The peer a user would otherwise pick for outbound webhooks on PostgreSQL: pg-boss (v10, the last
// major that runs on Node 20), on its own schema in the benchmark's database. One job per delivery
// (event × webhook); a job is one signed POST built by our own pure buildRequest, so the per-delivery
// HTTP and signing work is the same as the drain's. Workers are loops over pg-boss's fetch API in
// batches, completing the 2xx jobs and failing the rest for pg-boss's retry (at-least-once: a job
// left active by a crash expires and is retried too). A loop that finds the queue empty waits
// pg-boss's minimum worker polling interval, as work() would; with a backlog it never waits.
// Unlike the drain it keeps no attempt log and no webhook health, and reads targets from memory.
import PgBoss from "pg-boss";
import { Agent, request } from "undici";
import { mintWebhookSecret } from "../lib/crypto/tokens";
import type { EventEnvelope } from "../lib/events/catalog";
import { envelopeBody } from "../lib/events/envelope";
import { newId } from "../lib/ids";
import { buildRequest, type Target } from "../lib/outbound/request";

const QUEUE = "webhook-delivery";
const IDLE_POLL_MS = 500; // pg-boss's minimum pollingIntervalSeconds
const INSERT_CHUNK = 1000;

type DeliveryJob = { webhook: number; event: EventEnvelope };

export type PgBossSettings = { workers: number; batchSize: number; connections: number };

export async function startPgBossPeer(databaseUrl: string, receiverPort: number, webhooks: number, settings: PgBossSettings) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", max: settings.workers + 2 });
  boss.on("error", (err) => console.error("pg-boss:", err));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 1, retryBackoff: true, expireInSeconds: 60 });
  const targets: Target[] = Array.from({ length: webhooks }, (_, i) => ({
    kind: "generic",
    url: `http://127.0.0.1:${receiverPort}/hook/${i}`,
    secrets: [mintWebhookSecret()],
    headers: [{ name: "Authorization", value: "Bearer bench" }],
  }));
  const agent = new Agent({ connections: settings.connections, keepAliveTimeout: 30_000 });

  async function deliver(job: PgBoss.Job<DeliveryJob>): Promise<boolean> {
    const out = buildRequest(targets[job.data.webhook], job.id, { id: job.data.event.id, type: job.data.event.type, body: envelopeBody(job.data.event) }, Math.floor(Date.now() / 1000), "http://127.0.0.1:3000");
    try {
      const res = await request(out.url, { method: "POST", dispatcher: agent, headers: out.headers, body: out.body, headersTimeout: 15_000, bodyTimeout: 15_000 });
      await res.body.dump();
      return res.statusCode >= 200 && res.statusCode < 300;
    } catch {
      return false;
    }
  }

  /** Fetch → POST the batch concurrently → complete / fail, until `stop(idle)` says so between batches. */
  async function loop(stop: (idle: boolean) => boolean) {
    for (;;) {
      const jobs = await boss.fetch<DeliveryJob>(QUEUE, { batchSize: settings.batchSize });
      if (jobs.length === 0) {
        if (stop(true)) return;
        await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
        continue;
      }
      const ok = await Promise.all(jobs.map(deliver));
      const completed = jobs.filter((_, i) => ok[i]).map((j) => j.id);
      const failed = jobs.filter((_, i) => !ok[i]).map((j) => j.id);
      await Promise.all([completed.length && boss.complete(QUEUE, completed), failed.length && boss.fail(QUEUE, failed)]);
      if (stop(false)) return;
    }
  }

  return {
    /** One job per event × webhook, one insert statement per event (as emit is one transaction). */
    async enqueue(events: EventEnvelope[]) {
      const jobs = events.flatMap((event) => targets.map((_, webhook) => ({ data: { webhook, event } })));
      for (let i = 0; i < jobs.length; i += INSERT_CHUNK) await boss.insert(jobs.slice(i, i + INSERT_CHUNK).map((j) => ({ name: QUEUE, ...j })));
    },
    /** Workers until the queue is empty: the backlog drain. */
    drainBacklog: () => Promise.all(Array.from({ length: settings.workers }, () => loop((idle) => idle))),
    /** Workers that poll until stopped: the paced run. */
    startWorkers() {
      let stopping = false;
      const running = Promise.all(Array.from({ length: settings.workers }, () => loop(() => stopping)));
      return { stop: () => ((stopping = true), running) };
    },
    async stop() {
      await agent.close();
      await boss.stop({ graceful: false, wait: true });
    },
  };
}

/** A fresh envelope shaped like `sample` (same byte size), created now. */
export function envelopeLike(sample: EventEnvelope): EventEnvelope {
  return { ...sample, id: newId("evt"), created_at: new Date().toISOString() };
}

// Graphile Worker 0.17 (the fastest PostgreSQL job queue for Node that runs on Node 20) as the peer of
// the shipped product: one job per delivery (event × webhook), each one POST signed by our own pure
// buildRequest and sent through an undici Agent, so the per-delivery HTTP and signing work is the same.
// Tuned as its performance guide says: a local queue (batched fetch and lock), batched completion,
// LISTEN/NOTIFY wake-up. A failed POST throws, and Graphile Worker retries it with its backoff.
import { Agent, request } from "undici";
import { Logger, makeWorkerUtils, run, type Runner, type Task } from "graphile-worker";
import type { EventEnvelope } from "../lib/events/catalog";
import { envelopeBody } from "../lib/events/envelope";
import { buildRequest, type Target } from "../lib/outbound/request";

type DeliveryJob = { webhook: number; event: EventEnvelope };

export const GRAPHILE_SETTINGS = { concurrentJobs: 64, maxPoolSize: 12, localQueue: { size: 256 }, completeJobBatchDelay: 2 };

export async function startGraphilePeer(connectionString: string, targets: Target[], appUrl: string) {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const deliver: Task = async (payload, helpers) => {
    const job = payload as DeliveryJob;
    const out = buildRequest(targets[job.webhook], helpers.job.id, { id: job.event.id, type: job.event.type, body: envelopeBody(job.event) }, Math.floor(Date.now() / 1000), appUrl);
    const res = await request(out.url, { method: "POST", dispatcher: agent, headers: out.headers, body: out.body, headersTimeout: 15_000, bodyTimeout: 15_000 });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`receiver answered ${res.statusCode}`);
  };
  const preset = { worker: { connectionString, ...GRAPHILE_SETTINGS } };
  const quiet = new Logger(() => () => {});
  const utils = await makeWorkerUtils({ connectionString, logger: quiet });
  await utils.migrate();
  return {
    /** One job per event × webhook, in bulk inserts of up to 1,000 jobs. */
    async enqueue(events: EventEnvelope[]) {
      const jobs = events.flatMap((event) => targets.map((_, webhook) => ({ identifier: "deliver", payload: { webhook, event } satisfies DeliveryJob })));
      for (let i = 0; i < jobs.length; i += 1000) await utils.addJobs(jobs.slice(i, i + 1000));
    },
    async start(): Promise<{ stop(): Promise<void> }> {
      const runner: Runner = await run({ preset, taskList: { deliver }, noHandleSignals: true, logger: quiet });
      return { stop: () => runner.stop() };
    },
    async stop() {
      await utils.release();
      await agent.close();
    },
  };
}

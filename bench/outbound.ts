// `npm run bench:outbound`: outbox drain throughput and event→delivered latency against a local
// keep-alive receiver (its own process), on the embedded PostgreSQL with its default settings.
//  1. Raw limit: the same receiver driven by the drain's own sender with no database: keep-alive POSTs
//     with a delivery's headers and body size.
//  2. Throughput: N events fanned out to M webhooks enqueued through emit(), then one drain
//     (the cron/worker code path) delivers the backlog: sustained deliveries/s and the ratio to the raw
//     runs just before and after it; BENCH_ROUNDS such rounds, the median reported.
//  3. Peer: the same backlog as pg-boss jobs on its own schema in the same database, drained by
//     pg-boss fetch workers (bench/outbound-pgboss.ts), between two raw runs as well.
//  4. Latency: the in-process worker (LISTEN/NOTIFY + poll) running while events are emitted at a
//     paced rate; event created_at → arrival at the receiver, p50/p99. Then the same for pg-boss.
// Prints a Markdown section and writes it into BENCHMARKS.md (between the outbound markers).
//   env: BENCH_EVENTS (4000), BENCH_WEBHOOKS (5), BENCH_RATE events/s (200), BENCH_PACED_SECONDS (10),
//        BENCH_ROUNDS (3), BENCH_RAW_REQUESTS (20000, two runs' worth), BENCH_RAW_CONCURRENCY (64), BENCH_PGBOSS_WORKERS (the drain's concurrency ÷ batch), BENCH_PGBOSS_BATCH (32)
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import type { EventEnvelope } from "../lib/events/catalog";
import type { StoredEvent } from "../lib/events/envelope";
import { endBench, useBenchDatabase } from "./rig";
import { writeSection } from "./benchmarks-file";
import { envelopeLike, startPgBossPeer } from "./outbound-pgboss";
import { postgresCpuSeconds, processCpuSeconds } from "./process-cpu";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const RAW_REQUESTS = Number(process.env.BENCH_RAW_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_EVENTS = 2_000;
const RAW_CONCURRENCY = Number(process.env.BENCH_RAW_CONCURRENCY ?? 64);
// Same requests in flight as the drain (by default workers × batch = DRAIN_DEFAULTS.concurrency, set in
// main()) and the same keep-alive connections per origin (64).
const PGBOSS = {
  workers: Number(process.env.BENCH_PGBOSS_WORKERS ?? 0),
  batchSize: Number(process.env.BENCH_PGBOSS_BATCH ?? 32),
  connections: 64,
};

type Stats = { count: number; first: number; last: number; latencies: number[] };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-outbound-"));
  const pg = await startEmbeddedPostgres({ dir, quiet: true });
  const receiver = fork(path.join(import.meta.dirname, "outbound-receiver.ts"), [], { execArgv: ["--import", "tsx"] });
  const ask = <T>(m: string) => new Promise<T>((resolve) => receiver.once("message", (r) => resolve(r as T)) && receiver.send(m));
  try {
    const { port } = await new Promise<{ port: number }>((resolve) => receiver.once("message", (m) => resolve(m as { port: number })));
    await useBenchDatabase(pg.url, { OUTBOX_WORKER: "off" });
    // Imported after the environment is set: lib/env reads it once.
    const { db } = await import("../db/client");
    const { createUser } = await import("../lib/auth/users");
    const { createProject } = await import("../lib/domain/projects");
    const { createOutboundWebhook } = await import("../lib/outbound/webhooks");
    const { emit } = await import("../lib/events/emit");
    const { DRAIN_DEFAULTS, FLUSH_SIZE, drainOutbox } = await import("../lib/outbound/engine/drain");
    PGBOSS.workers ||= Math.ceil(DRAIN_DEFAULTS.concurrency / PGBOSS.batchSize);
    const { startOutboxWorker } = await import("../lib/outbound/engine/worker");

    const user = await createUser({ email: "bench@example.test", password: "bench-password-123", name: "Bench" });
    const project = await createProject(user.id, "Bench");
    const actor = { userId: user.id, email: user.email, name: user.name, projectId: project.id, role: "admin" as const };
    let secret = "";
    for (let i = 0; i < WEBHOOKS; i++) {
      secret = (await createOutboundWebhook(actor, project.id, { name: `bench ${i}`, url: `http://127.0.0.1:${port}/hook/${i}`, events: ["test_run.completed"], headers: [{ name: "Authorization", value: "Bearer bench" }] })).secret!;
    }
    let n = 0;
    const emitEvents = (count: number) =>
      db().transaction(async (tx) => {
        for (let i = 0; i < count; i++) {
          const now = new Date().toISOString();
          n++;
          await emit(tx, project, "test_run.completed", {
            test_run: { id: `run_${n}`, name: `Nightly ${n}`, state: "completed", url: `/projects/${project.id}/test-runs/run_${n}`, git: { commit_sha: "4f2a9c1", branch: "main" }, created_at: now, updated_at: now, completed_at: now },
            results: { total: 120, passed: 117, failed: 2, blocked: 1, skipped: 0, retest: 0 },
          });
        }
      });

    // A representative body, for the raw run to send the same number of bytes.
    await emitEvents(1);
    const [stored] = (await db().execute(`select id, type, body from events limit 1`)) as unknown as StoredEvent[];
    const payload = JSON.parse(stored.body) as EventEnvelope;
    await db().execute(`delete from deliveries`);
    const sampleBody = stored.body;
    // The raw run sends what a delivery sends: the same header names and value sizes (signatures made
    // once, not per request) with a body of the same size, so the receiver does the same work per request.
    const { buildRequest } = await import("../lib/outbound/request");
    const { AttemptDeadline, Dispatcher } = await import("../lib/outbound/engine/dispatcher");
    const deliveryHeaders = buildRequest(
      { kind: "generic", url: `http://127.0.0.1:${port}/raw`, secrets: [secret], headers: [{ name: "Authorization", value: "Bearer bench" }] },
      "dlv_01KAQ3Y3ZJ9W5T8H2N6M4C7B1X", stored, Math.floor(Date.now() / 1000), "http://127.0.0.1:3000",
    ).headers;

    // 1. Raw limit: the drain's own sender (lib/outbound/dispatcher.ts), so the ratio is what the database and the
    // bookkeeping around a send cost, not a difference between HTTP clients.
    const rawSender = new Dispatcher({ allowHttp: true, allowPrivateNetworks: true, connections: RAW_CONCURRENCY });
    // CPU seconds so far of this process (raw client, then the drain), the receiver and PostgreSQL.
    const cpu = () => ({ self: processCpuSeconds(process.pid), receiver: processCpuSeconds(receiver.pid!), postgres: postgresCpuSeconds(dir) });
    type Cpu = ReturnType<typeof cpu>;
    const perRequest = (before: Cpu, after: Cpu, count: number) =>
      ({ self: ((after.self - before.self) * 1e6) / count, receiver: ((after.receiver - before.receiver) * 1e6) / count, postgres: ((after.postgres - before.postgres) * 1e6) / count });
    const rawRun = async (requests: number, headers: Record<string, string> = deliveryHeaders) => {
      await ask("reset");
      const before = cpu();
      let sent = 0;
      const rawDeadline = new AttemptDeadline(600_000);
      const start = performance.now();
      await Promise.all(
        Array.from({ length: RAW_CONCURRENCY }, async () => {
          while (sent < requests) {
            sent++;
            const body = sampleBody.replace(/^\{/, `{"sent_at":${Date.now()},`);
            await rawSender.send({ url: `http://127.0.0.1:${port}/raw`, headers, body }, rawDeadline);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const { count } = await ask<Stats>("stats");
      return { rate: count / seconds, cpu: perRequest(before, cpu(), count) };
    };
    // Warm-up, the same number of requests as the drain's: JIT and keep-alive connections. After only
    // 2,000 the next run still came out a third slower than the ones after it.
    await rawRun(WARMUP_EVENTS * WEBHOOKS);
    await rawRun(RAW_REQUESTS);

    // 2. Throughput over a backlog, after a warm-up (JIT, database and keep-alive connections), in
    //    ROUNDS rounds, each between two raw runs: raw, drain, raw, drain, raw… The speed of these shared
    //    cores drifts within seconds, so each drain is compared with the raw runs just before and after
    //    it, and the median round is reported.
    for (let done = 0; done < WARMUP_EVENTS; done += 200) await emitEvents(200);
    await drainOutbox({ untilIdle: true, timeBoxMs: 60_000 });
    const drainRun = async () => {
      for (let done = 0; done < EVENTS; done += 200) await emitEvents(Math.min(200, EVENTS - done));
      await ask("reset");
      const before = cpu();
      const t0 = performance.now();
      const counts = await drainOutbox({ untilIdle: true, timeBoxMs: 600_000 });
      const seconds = (performance.now() - t0) / 1000;
      const { count } = await ask<Stats>("stats");
      if (counts.succeeded !== EVENTS * WEBHOOKS || count !== EVENTS * WEBHOOKS) throw new Error(`expected ${EVENTS * WEBHOOKS} deliveries, drain reported ${JSON.stringify(counts)}, receiver ${count}`);
      return { count, rate: count / seconds, cpu: perRequest(before, cpu(), count) };
    };
    type RawResult = Awaited<ReturnType<typeof rawRun>>;
    const rounds: { rawBefore: RawResult; drain: Awaited<ReturnType<typeof drainRun>>; rawAfter: RawResult; raw: number; ratio: number }[] = [];
    let rawBefore = await rawRun(RAW_REQUESTS / 2);
    for (let r = 0; r < ROUNDS; r++) {
      const drain = await drainRun();
      const rawAfter = await rawRun(RAW_REQUESTS / 2);
      const raw = (rawBefore.rate + rawAfter.rate) / 2;
      rounds.push({ rawBefore, drain, rawAfter, raw, ratio: drain.rate / raw });
      rawBefore = rawAfter;
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
    const { drain } = median;
    const rawRate = median.raw;
    const rawPer = { self: (median.rawBefore.cpu.self + median.rawAfter.cpu.self) / 2, receiver: (median.rawBefore.cpu.receiver + median.rawAfter.cpu.receiver) / 2 };
    const rawTotal = rawPer.self + rawPer.receiver;
    const drainTotal = drain.cpu.self + drain.cpu.postgres + drain.cpu.receiver;

    // 3. The same backlog through pg-boss, after the same warm-up, between two raw runs as well.
    const peer = await startPgBossPeer(pg.url, port, WEBHOOKS, PGBOSS);
    const envelopes = (count: number) => Array.from({ length: count }, () => envelopeLike(payload));
    await peer.enqueue(envelopes(WARMUP_EVENTS));
    await peer.drainBacklog();
    await peer.enqueue(envelopes(EVENTS));
    const peerRawBefore = await rawRun(RAW_REQUESTS / 2);
    await ask("reset");
    const p0 = performance.now();
    await peer.drainBacklog();
    const peerSeconds = (performance.now() - p0) / 1000;
    const peerThr = await ask<Stats>("stats");
    const peerRate = peerThr.count / peerSeconds;
    if (peerThr.count !== EVENTS * WEBHOOKS) throw new Error(`expected ${EVENTS * WEBHOOKS} pg-boss deliveries, the receiver got ${peerThr.count}`);
    const peerRaw = (peerRawBefore.rate + (await rawRun(RAW_REQUESTS / 2)).rate) / 2;
    const minimalHeaders = { "content-type": "application/json" };
    const rawMinimal = (await rawRun(RAW_REQUESTS / 2, minimalHeaders)).rate;
    await rawSender.close();

    // 4. Paced latency: one write per event at RATE events/s, several at once like concurrent
    //    requests, with the workers running; then wait (bounded) for every delivery to arrive.
    const pacedRun = async (emitOne: () => Promise<unknown>) => {
      await ask("reset");
      const tick = 50;
      const perTick = (RATE * tick) / 1000;
      const pacedStart = Date.now();
      let emitted = 0;
      const writes = new Set<Promise<void>>();
      while (Date.now() - pacedStart < PACED_SECONDS * 1000) {
        const due = Math.floor(((Date.now() - pacedStart) / 1000) * RATE) + perTick;
        while (emitted < due && writes.size < 16) {
          const w: Promise<void> = emitOne().then(() => void writes.delete(w));
          writes.add(w);
          emitted++;
        }
        await new Promise((r) => setTimeout(r, tick));
      }
      await Promise.all(writes);
      const achievedRate = emitted / ((Date.now() - pacedStart) / 1000);
      const deadline = Date.now() + 30_000;
      let stats = await ask<Stats>("stats");
      while (stats.count < emitted * WEBHOOKS && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        stats = await ask<Stats>("stats");
      }
      return { emitted, achievedRate, stats };
    };
    const worker = startOutboxWorker();
    const paced = await pacedRun(() => emitEvents(1));
    await worker.stop();
    const peerWorkers = peer.startWorkers();
    const peerPaced = await pacedRun(() => peer.enqueue(envelopes(1)));
    await peerWorkers.stop();
    await peer.stop();

    const round = (x: number) => Math.round(x);
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    const latencyRow = (who: string, run: typeof paced) =>
      `| ${who} at ${RATE} events/s (achieved ${round(run.achievedRate)}) × ${WEBHOOKS} webhooks for ${PACED_SECONDS} s (${run.stats.count}/${run.emitted * WEBHOOKS} delivered): event→delivered p50 / p99 / max | ${round(percentile(run.stats.latencies, 50))} / **${round(percentile(run.stats.latencies, 99))}** / ${round(Math.max(...run.stats.latencies))} ms |`;
    const lines = [
      "## Outbound delivery (outbox drain)",
      "",
      `Command: \`npm run bench:outbound\` (defaults: BENCH_EVENTS=${EVENTS} BENCH_WEBHOOKS=${WEBHOOKS} BENCH_RATE=${RATE} BENCH_PACED_SECONDS=${PACED_SECONDS}). ` +
        `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${os.cpus().length} cores, Node ${process.version}), embedded PostgreSQL with default settings, ` +
        "receiver in its own process on 127.0.0.1 answering 200 at once; bench, drain and PostgreSQL share the same cores.",
      "",
      "| measure | result | target |",
      "|---|---|---|",
      `| raw limit: the drain's own sender (lib/outbound/dispatcher.ts) with no database, keep-alive POSTs with a delivery's headers and body size (${RAW_REQUESTS} × ${sampleBody.length} B, ${RAW_CONCURRENCY} in flight; before / after the median drain round) | ${round(rawRate)} req/s (${round(median.rawBefore.rate)} / ${round(median.rawAfter.rate)}) | — |`,
      `| the same with only a content-type header (after) | ${round(rawMinimal)} req/s | — |`,
      `| Switchyard drain: ${EVENTS} events × ${WEBHOOKS} webhooks = ${drain.count} signed deliveries from a backlog (the median of ${ROUNDS} rounds) | **${round(drain.rate)} deliveries/s** | ≥ 1,500 |`,
      `| pg-boss 10: the same ${peerThr.count} signed deliveries as jobs, ${PGBOSS.workers} fetch workers × batch ${PGBOSS.batchSize} | **${round(peerRate)} deliveries/s** | — |`,
      `| drain ÷ raw, each round: ${rounds.map((r) => `${round(r.drain.rate)} ÷ ${round(r.raw)}`).join(" · ")} | ${rounds.map((r) => pct(r.ratio)).join(" · ")} | — |`,
      `| drain ÷ raw (median round) · pg-boss ÷ raw (its own raw runs, ${round(peerRaw)} req/s) · drain ÷ pg-boss | **${pct(median.ratio)}** · ${pct(peerRate / peerRaw)} · **${pct(drain.rate / peerRate)}** | drain ÷ raw ≥ 40 % |`,
      `| CPU per request from /proc, same run: raw (sender + receiver) · drain (drain process + PostgreSQL + receiver); cores kept busy | ${round(rawPer.self)} + ${round(rawPer.receiver)} = ${round(rawTotal)} µs (${((rawRate * rawTotal) / 1e6).toFixed(2)} cores) · ${round(drain.cpu.self)} + ${round(drain.cpu.postgres)} + ${round(drain.cpu.receiver)} = **${round(drainTotal)} µs** (${((drain.rate * drainTotal) / 1e6).toFixed(2)} cores) | — |`,
      `${latencyRow("Switchyard worker", paced)} p99 ≤ 250 ms |`,
      `${latencyRow("pg-boss workers", peerPaced)} — |`,
      "",
      "Every delivery is a full attempt: claim with lease, Standard Webhooks + sha256 signatures, one custom header (decrypted),",
      `attempt row, delivery and webhook health updates, committed in batches of up to ${FLUSH_SIZE} outcomes.`,
      `Drain settings: batch ${DRAIN_DEFAULTS.batchSize}, ${DRAIN_DEFAULTS.concurrency} requests in flight, at most ${DRAIN_DEFAULTS.perWebhookCap} per webhook, 64 keep-alive connections per origin.`,
      "The raw run uses the drain's sender, so the ratio is what the outbox costs around the same send. Per delivery the drain process",
      "claims, builds and signs the request, sends it and records the outcome; PostgreSQL claims the row (a HOT update that writes no",
      "index entry), inserts the attempt row and settles the delivery (a new row version with an entry in each of its four indexes).",
      "Both runs are CPU-bound on the two shared cores, so drain ÷ raw ≈ (raw CPU ÷ drain CPU) × (drain's cores busy ÷ raw's): the CPU row.",
      `A claim is one statement plus one pipelined read of payloads and targets; a flush is two round trips. Warm-up before each measured run: ${WARMUP_EVENTS * WEBHOOKS} requests.`,
      "The speed of these shared cores drifts by ±30 % within seconds, so each drain round is compared with the raw runs just before and after it.",
      "pg-boss (bench/outbound-pgboss.ts): v10, the last major that runs on Node 20, on its own schema in the same database; one job per",
      "delivery, each one POST signed by the same `buildRequest`, retry on (up to 5 retries with backoff), workers looping over `fetch` in batches",
      `(${PGBOSS.workers} × ${PGBOSS.batchSize} = ${PGBOSS.workers * PGBOSS.batchSize} in flight, like the drain) then \`complete\`/\`fail\`, waiting pg-boss's minimum polling interval (0.5 s) when empty.`,
      "It does less per delivery than the drain: no attempt log, no webhook health, targets and secrets held in memory. Its latency is",
      "its polling: pg-boss 10 has no LISTEN/NOTIFY wake-up, so a job waits for the next fetch of an idle worker.",
      "BullMQ is not measured: its msgpackr-extract optional platform packages are missing from this machine's registry mirror, which",
      "breaks `npm ci`, and it needs a Redis server, which the stack deliberately avoids.",
    ];
    const section = `\n${lines.join("\n")}\n`;
    console.log(section);
    writeSection("outbound", section);
  } finally {
    await endBench(receiver, pg, dir);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

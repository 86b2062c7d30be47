// `npm run bench:shipped`: outbound delivery of the product as users run it, measured from outside,
// beside the queues a Node.js team would pick instead, on the same receiver in one run.
//  - Switchyard: a production build started the way the README says (`npm start`, embedded PostgreSQL),
//    events created through the JSON API with a Bearer token, WEBHOOKS webhooks paused, EVENTS test runs
//    created, then the webhooks resumed: time until the receiver (its own process) has every signed delivery.
//  - Raw limit: keep-alive POSTs of the same body and headers from an undici Pool, no database.
//  - Graphile Worker 0.17 (bench/shipped-graphile.ts) and pg-boss 10 (bench/outbound-pgboss.ts): one job per
//    delivery, signed by the same buildRequest, on an embedded PostgreSQL of their own with default settings.
// Each is run ROUNDS times, interleaved (raw, Switchyard, Graphile, pg-boss, raw, …), because the speed of
// these shared cores drifts within seconds. Then RATE events/s for PACED_SECONDS through each (event→delivered
// p50/p99). CPU per delivery of each process from /proc. Writes its section into BENCHMARKS.md.
//   env: BENCH_EVENTS (5000), BENCH_WEBHOOKS (4), BENCH_RATE (200), BENCH_PACED_SECONDS (10), BENCH_ROUNDS (2),
//        BENCH_SKIP_BUILD=1 to reuse an existing `.next` build.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { connectPostgres } from "../db/connect";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import type { EventEnvelope } from "../lib/events/catalog";
import { mintWebhookSecret } from "../lib/crypto/tokens";
import { envelopeBody } from "../lib/events/envelope";
import { buildRequest } from "../lib/outbound/request";
import { writeSection } from "./benchmarks-file";
import { envelopeLike, startPgBossPeer } from "./outbound-pgboss";
import { postgresCpuByRole, postgresCpuSeconds, processCpuSeconds, treeCpuSeconds } from "./process-cpu";
import { startGraphilePeer } from "./shipped-graphile";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 4);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// BENCH_PROFILE=1: also print, for each Switchyard round, PostgreSQL's CPU by process kind and its
// costliest statements (pg_stat_statements, loaded by restarting the app's PostgreSQL once).
const PROFILE = Boolean(process.env.BENCH_PROFILE);
const DELIVERIES = EVENTS * WEBHOOKS;
const IN_FLIGHT = 64;
const root = path.resolve(import.meta.dirname, "..");

type Stats = { count: number; first: number; last: number; latencies: number[] };
type Cpu = Record<string, number>;
type Run = { rate: number; cpuPerDelivery: Cpu };
type Paced = { emitted: number; delivered: number; p50: number; p99: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) execFileSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  const work = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-shipped-"));
  chmodSync(work, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach its data folder
  const receiver = fork(path.join(import.meta.dirname, "outbound-receiver.ts"), [], { execArgv: ["--import", "tsx"] });
  const ask = <T>(m: string) => new Promise<T>((resolve) => receiver.once("message", (r) => resolve(r as T)) && receiver.send(m));
  const { port: receiverPort } = await new Promise<{ port: number }>((resolve) => receiver.once("message", (m) => resolve(m as { port: number })));
  let app = await startShipped(path.join(work, "app"));
  if (PROFILE) {
    await app.query("alter system set shared_preload_libraries = 'pg_stat_statements'");
    await app.stop();
    app = await startShipped(path.join(work, "app"));
    await app.query("create extension if not exists pg_stat_statements");
  }
  const peersDir = path.join(work, "peers");
  const peersPg = await startEmbeddedPostgres({ dir: peersDir, quiet: true });
  try {
    const api = apiClient(app.url, app.token);
    const [project] = (await api("GET", "/api/v1/projects")).projects as { id: string }[];
    const hooks: string[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const created = await api("POST", `/api/v1/projects/${project.id}/webhooks/outbound`, {
        name: `bench ${i}`, url: `http://127.0.0.1:${receiverPort}/hook/${i}`, events: ["test_run.created"], headers: [{ name: "Authorization", value: "Bearer bench" }],
      });
      hooks.push(created.webhook.id);
    }
    const setPaused = (paused: boolean) => Promise.all(hooks.map((h) => api("POST", `/api/v1/projects/${project.id}/webhooks/outbound/${h}/${paused ? "pause" : "resume"}`)));
    let runs = 0;
    const createRun = () => api("POST", `/api/v1/projects/${project.id}/test-runs`, { name: `Nightly ${++runs}`, git: { commit_sha: "4f2a9c1", branch: "main" } });
    const createRuns = async (count: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => { while (next++ < count) await createRun(); }));
    };
    const waitFor = async (count: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      let stats = await ask<Stats>("stats");
      while (stats.count < count && Date.now() < deadline) (await sleep(20), (stats = await ask<Stats>("stats")));
      if (stats.count < count) throw new Error(`the receiver has ${stats.count} of ${count} deliveries after ${timeoutMs} ms`);
      return stats;
    };

    // What a delivery looks like on the wire, for the peers and the raw run to send the same bytes.
    await ask("reset");
    await createRun();
    await waitFor(WEBHOOKS, 30_000);
    const sample = JSON.parse(await app.query("select body as b from events order by created_at desc limit 1")) as EventEnvelope;
    const target = (i: number) => ({ kind: "generic" as const, url: `http://127.0.0.1:${receiverPort}/hook/${i}`, secrets: [mintWebhookSecret()], headers: [{ name: "Authorization", value: "Bearer bench" }] });
    const rawRequest = buildRequest(target(0), "dlv_01KAQ3Y3ZJ9W5T8H2N6M4C7B1X", { id: sample.id, type: sample.type, body: envelopeBody(sample) }, Math.floor(Date.now() / 1000), app.url);

    const cpuOf = (parts: Record<string, () => number>) => {
      const read = () => Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f()]));
      const before = read();
      return () => Object.fromEntries(Object.entries(read()).map(([k, v]) => [k, ((v - before[k]) * 1e6) / DELIVERIES]));
    };
    const receiverCpu = () => processCpuSeconds(receiver.pid!);

    const rawPool = new Pool(`http://127.0.0.1:${receiverPort}`, { connections: IN_FLIGHT, pipelining: 1 });
    const raw = async (): Promise<Run> => {
      await ask("reset");
      const cpu = cpuOf({ sender: () => processCpuSeconds(process.pid), receiver: receiverCpu });
      const t0 = Date.now();
      let sent = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (sent++ < DELIVERIES) {
          const res = await rawPool.request({ path: "/raw", method: "POST", headers: rawRequest.headers, body: rawRequest.body.replace(/^\{/, `{"sent_at":${Date.now()},`) });
          await res.body.dump();
        }
      }));
      const stats = await waitFor(DELIVERIES, 60_000);
      return { rate: DELIVERIES / ((stats.last - t0) / 1000), cpuPerDelivery: cpu() };
    };

    const switchyard = async (): Promise<Run> => {
      await setPaused(true);
      await createRuns(EVENTS);
      await ask("reset");
      const cpu = cpuOf({ app: app.cpu, postgres: app.postgresCpu, receiver: receiverCpu });
      const split = PROFILE ? cpuOf(Object.fromEntries(Object.keys(postgresCpuByRole(app.pgDir)).map((k) => [k, () => postgresCpuByRole(app.pgDir)[k as "queries"]]))) : undefined;
      if (PROFILE) await app.query("select pg_stat_statements_reset()::text as b");
      const t0 = Date.now();
      await setPaused(false);
      const stats = await waitFor(DELIVERIES, 300_000);
      const run = { rate: DELIVERIES / ((stats.last - t0) / 1000), cpuPerDelivery: cpu() };
      if (split) {
        console.log("postgres CPU per delivery by process kind (µs):", Object.fromEntries(Object.entries(split()).map(([k, v]) => [k, Math.round(v)])));
        console.log(await app.query(`
          select string_agg(format('%8s µs/delivery %7s calls %8s rows  %s', round((total_exec_time * 1000 / ${DELIVERIES})::numeric, 1), calls, rows, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 150)), E'\n' order by total_exec_time desc) as b
          from (select * from pg_stat_statements order by total_exec_time desc limit 15) s`));
      }
      return run;
    };

    const graphile = await startGraphilePeer(peersPg.url, Array.from({ length: WEBHOOKS }, (_, i) => target(i)), app.url);
    const graphileBacklog = async (): Promise<Run> => {
      await graphile.enqueue(Array.from({ length: EVENTS }, () => envelopeLike(sample)));
      await ask("reset");
      const cpu = cpuOf({ worker: () => processCpuSeconds(process.pid), postgres: () => postgresCpuSeconds(peersDir), receiver: receiverCpu });
      const t0 = Date.now();
      const runner = await graphile.start();
      const stats = await waitFor(DELIVERIES, 300_000);
      const result = { rate: DELIVERIES / ((stats.last - t0) / 1000), cpuPerDelivery: cpu() };
      await runner.stop();
      return result;
    };

    const pgboss = await startPgBossPeer(peersPg.url, receiverPort, WEBHOOKS, { workers: 8, batchSize: 32, connections: IN_FLIGHT });
    const pgbossBacklog = async (): Promise<Run> => {
      await pgboss.enqueue(Array.from({ length: EVENTS }, () => envelopeLike(sample)));
      await ask("reset");
      const cpu = cpuOf({ worker: () => processCpuSeconds(process.pid), postgres: () => postgresCpuSeconds(peersDir), receiver: receiverCpu });
      const t0 = Date.now();
      await pgboss.drainBacklog();
      const stats = await waitFor(DELIVERIES, 60_000);
      return { rate: DELIVERIES / ((stats.last - t0) / 1000), cpuPerDelivery: cpu() };
    };

    // Warm-up of every path (JIT, connections, caches), then the measured rounds, interleaved.
    await raw();
    await switchyard();
    await graphileBacklog();
    const results: Record<"raw" | "switchyard" | "graphile" | "pgboss", Run[]> = { raw: [], switchyard: [], graphile: [], pgboss: [] };
    for (let r = 0; r < ROUNDS; r++) {
      results.raw.push(await raw());
      results.switchyard.push(await switchyard());
      results.graphile.push(await graphileBacklog());
      results.pgboss.push(await pgbossBacklog());
      console.log(`round ${r + 1}:`, Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v[r].rate)])));
    }
    await rawPool.close();

    // Paced latency: RATE events/s, several writes in flight like concurrent clients.
    const paced = async (emitOne: () => Promise<unknown>): Promise<Paced> => {
      await ask("reset");
      const start = Date.now();
      let emitted = 0;
      const writes = new Set<Promise<void>>();
      while (Date.now() - start < PACED_SECONDS * 1000) {
        const due = Math.floor(((Date.now() - start) / 1000) * RATE) + 1;
        while (emitted < due && writes.size < 16) {
          const w: Promise<void> = emitOne().then(() => void writes.delete(w));
          writes.add(w);
          emitted++;
        }
        await sleep(5);
      }
      await Promise.all(writes);
      const stats = await waitFor(emitted * WEBHOOKS, 60_000);
      return { emitted, delivered: stats.count, p50: percentile(stats.latencies, 50), p99: percentile(stats.latencies, 99) };
    };
    const latency = { switchyard: await paced(createRun), graphile: undefined as Paced | undefined, pgboss: undefined as Paced | undefined };
    const graphileRunner = await graphile.start();
    latency.graphile = await paced(() => graphile.enqueue([envelopeLike(sample)]));
    await graphileRunner.stop();
    const pgbossWorkers = pgboss.startWorkers();
    latency.pgboss = await paced(() => pgboss.enqueue([envelopeLike(sample)]));
    await pgbossWorkers.stop();
    await graphile.stop();
    await pgboss.stop();

    writeSection("shipped", report(results, latency, Buffer.byteLength(rawRequest.body)));
  } finally {
    receiver.send("exit");
    await app.stop();
    await peersPg.stop();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}

/** `npm start` in its own data folder, as the README says; a Bearer token made with the CLI. */
async function startShipped(dataDir: string) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHYARD_DATA_DIR: dataDir, SEED_DEMO: "1", WEBHOOKS_ALLOW_HTTP: "1", WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "1", APP_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/run.ts", "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/api/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 600 || server.exitCode !== null) throw new Error("the server did not become healthy");
    await sleep(100);
  }
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", "token", "create", "--email", "admin@example.com", "--name", "bench"], { cwd: root, env, encoding: "utf8" });
  const token = out.trim().split("\n").pop()!.trim();
  const databaseUrl = readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
  const pgDir = path.join(dataDir, "postgres");
  const postmaster = () => Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url,
    token,
    /** The app's own processes (launcher, Next and anything they start), PostgreSQL's excluded. */
    cpu: () => treeCpuSeconds(server.pid!, [postmaster()]),
    postgresCpu: () => postgresCpuSeconds(pgDir),
    pgDir,
    async query(text: string): Promise<string> {
      const sql = connectPostgres(databaseUrl, { max: 1 });
      try {
        return String((await sql.unsafe(text))[0]?.b ?? "");
      } finally {
        await sql.end();
      }
    },
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    },
  };
}

function apiClient(base: string, token: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async (method: string, pathname: string, body?: unknown): Promise<any> => {
    const res = await fetch(base + pathname, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${await res.text()}`);
    return res.json();
  };
}

function report(results: Record<string, Run[]>, latency: Record<string, Paced | undefined>, bodyBytes: number): string {
  const r = Math.round;
  const rates = (k: string) => results[k].map((x) => r(x.rate).toLocaleString("en")).join(" · ");
  const ratio = (a: string, b: string) => results[a].map((x, i) => `${(x.rate / results[b][i].rate).toFixed(2)} ×`).join(" · ");
  const cpu = (k: string) => {
    const last = results[k][results[k].length - 1].cpuPerDelivery;
    const parts = Object.entries(last).map(([name, us]) => `${name} ${r(us)}`);
    return `${parts.join(" + ")} = **${r(Object.values(last).reduce((a, b) => a + b, 0))} µs**`;
  };
  const lat = (k: string) => {
    const l = latency[k];
    return l ? `${r(l.p50)} / **${r(l.p99)}** ms (${l.delivered}/${l.emitted * WEBHOOKS})` : "—";
  };
  const lines = [
    "## Outbound as shipped (`npm start`) beside the peers",
    "",
    `Command: \`npm run bench:shipped\` (defaults: BENCH_EVENTS=${EVENTS} BENCH_WEBHOOKS=${WEBHOOKS} BENCH_ROUNDS=${ROUNDS} BENCH_RATE=${RATE} BENCH_PACED_SECONDS=${PACED_SECONDS}). ` +
      `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${os.cpus().length} cores, Node ${process.version}). One receiver process on 127.0.0.1 answering 200 at once, body ${bodyBytes} B; ` +
      `${DELIVERIES.toLocaleString("en")} signed deliveries per run; the rounds interleaved (raw, Switchyard, Graphile Worker, pg-boss, …) after a warm-up of each.`,
    "",
    "| same receiver, same run | deliveries/s (each round) | ÷ Graphile Worker | CPU per delivery (last round) | event→delivered p50 / p99 at " + RATE + " events/s |",
    "|---|---:|---:|---|---:|",
    `| raw keep-alive POSTs, no database (undici Pool, ${IN_FLIGHT} in flight) | ${rates("raw")} | ${ratio("raw", "graphile")} | ${cpu("raw")} | — |`,
    `| **Switchyard \`npm start\`** (production build; API-created events, ${WEBHOOKS} webhooks paused then resumed) | **${rates("switchyard")}** | **${ratio("switchyard", "graphile")}** | ${cpu("switchyard")} | ${lat("switchyard")} |`,
    `| Graphile Worker 0.17, one job per delivery (local queue 256, completeJobBatchDelay 2 ms, 64 concurrent jobs, 12 connections) | ${rates("graphile")} | 1.00 × | ${cpu("graphile")} | ${lat("graphile")} |`,
    `| pg-boss 10, one job per delivery (8 workers × batch 32) | ${rates("pgboss")} | ${ratio("pgboss", "graphile")} | ${cpu("pgboss")} | ${lat("pgboss")} |`,
    "",
    "Switchyard's figures include everything a user gets: lease, attempt row, health, two signature headers and a decrypted custom",
    "header per delivery. The peers sign with the same `buildRequest` and send through undici, and keep no attempt log and no health.",
    "The paced run creates test runs through the API (Switchyard) or enqueues jobs directly (the peers), 16 writes in flight at most.",
    "CPU per delivery: Switchyard's app processes (launcher, Next.js and any worker they start) apart from PostgreSQL; the peers' worker",
    "is this bench process. Target (issue 15): Switchyard ≥ 1.5 × Graphile Worker's deliveries/s and p99 ≤ Graphile Worker's.",
  ];
  const section = `\n${lines.join("\n")}\n`;
  console.log(section);
  return section;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

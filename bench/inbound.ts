// `npm run bench:inbound`: inbound receipt throughput and SSE fan-out latency against `next start`
// on an embedded PostgreSQL, all on 127.0.0.1.
//  1. Bare route: autocannon POSTs to /api/bench/ping (no DB, no crypto) — the HTTP ceiling.
//  2. Receipts: autocannon POSTs signed GitHub `issues` events to the receipt URL; every request
//     has its own delivery id and bytes (so none is a duplicate) over 500 issues: imports first,
//     then updates — the full path: token lookup, HMAC, zod, dedupe, sync, outbox, live event.
//  3. Fan-out: 1,000 open SSE streams; receipts posted one at a time; time from POST to the LAST
//     stream seeing the event, p50/p99 over the receipts.
// Prints a Markdown section and appends it to BENCHMARKS.md.
//   env: NEXT_DIST_DIR (default .next-bench; built when missing), BENCH_PORT (3191),
//        BENCH_DURATION s (10), BENCH_CONNECTIONS (32), BENCH_STREAMS (1000; 0 skips the fan-out), BENCH_FANOUT_EVENTS (50),
//        BENCH_SYNC_COMMIT (on|off, default on): PostgreSQL's synchronous_commit for the whole run,
//        BENCH_SKIP_PING=1 (receipts only, e.g. to profile them), NEXT_NODE_ARGS (extra node flags for
//        `next start`, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type postgres from "postgres";
import { connectPostgres } from "../db/connect";
import { Agent } from "undici";
import { startEmbeddedPostgres } from "../db/embedded";
import { writeSection } from "./benchmarks-file";
import { postgresCpuSeconds, processCpuSeconds } from "./process-cpu";
import { migrateDatabase } from "../db/migrate";
import { mintToken, sha256Hex } from "../lib/crypto/tokens";

const PORT = Number(process.env.BENCH_PORT ?? 3191);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 50);
const SYNC_COMMIT = process.env.BENCH_SYNC_COMMIT === "off" ? "off" : "on";
const DATA_DIR = path.join(os.tmpdir(), `switchyard-bench-inbound-${process.pid}`);
const BASE = `http://127.0.0.1:${PORT}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

let counter = 0;
/** A signed GitHub issues event, unique per call (its own delivery id, title and time). */
function signedEvent(secret: string, issueNumber: number, title: string) {
  const n = ++counter;
  const body = JSON.stringify({
    action: n <= 500 ? "opened" : "edited",
    issue: {
      number: issueNumber,
      title,
      state: n % 7 === 0 ? "closed" : "open",
      html_url: `https://github.com/bench/repo/issues/${issueNumber}`,
      labels: [{ name: "bench" }],
      assignee: { login: "octocat" },
      updated_at: new Date(Date.UTC(2030, 0, 1) + n * 1000).toISOString(),
    },
    repository: { full_name: "bench/repo" },
    sender: { login: "octocat" },
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
  };
}

/** CPU seconds so far of the server, PostgreSQL and this process (the load generator). */
type CpuProbe = () => { server: number; postgres: number; generator: number };

async function cannon(url: string, cpu: CpuProbe, setup?: () => { body: string; headers: Record<string, string> }) {
  const before = cpu();
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION,
    ...(setup ? { requests: [{ method: "POST", setupRequest: (req: object) => ({ ...req, ...setup() }) }] } : { body: "{}" }),
  });
  const after = cpu();
  const perRequest = (k: keyof ReturnType<CpuProbe>) => ((after[k] - before[k]) / result.requests.total) * 1e6;
  return {
    cpuUs: { server: perRequest("server"), postgres: perRequest("postgres"), generator: perRequest("generator") },
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function seed(sql: postgres.Sql) {
  const token = mintToken("sy_");
  await sql`insert into users (id, email, name, password_hash) values ('usr_bench', 'bench@example.test', 'Bench', 'x')`;
  await sql`insert into projects (id, name, created_by) values ('prj_bench', 'Bench project', 'usr_bench')`;
  await sql`insert into project_members (project_id, user_id, role) values ('prj_bench', 'usr_bench', 'admin')`;
  await sql`insert into api_tokens (id, user_id, name, token_hash, hint) values ('tok_bench', 'usr_bench', 'bench', ${sha256Hex(token)}, ${token.slice(-4)})`;
  return token;
}

async function api(token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${BASE}/api/v1/projects/prj_bench${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Opens `n` SSE streams; each records when it first sees a marker. */
async function openStreams(n: number, token: string) {
  const dispatcher = new Agent({ connections: null, pipelining: 0, bodyTimeout: 0, headersTimeout: 60_000 });
  const seen: Map<string, number>[] = [];
  const aborts: AbortController[] = [];
  let connected = 0;
  const waiters = new Set<() => void>();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const abort = new AbortController();
      aborts.push(abort);
      seen[i] = new Map();
      const res = await fetch(`${BASE}/api/issues/stream?projectId=prj_bench`, {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
        // @ts-expect-error undici's fetch option
        dispatcher,
      });
      if (res.status !== 200) throw new Error(`stream ${i}: HTTP ${res.status}`);
      void (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            const text = decoder.decode(chunk, { stream: true });
            if (text.includes(": connected")) connected++;
            for (const m of text.matchAll(/fanout-(\d+)/g)) {
              if (!seen[i].has(m[0])) seen[i].set(m[0], performance.now());
            }
            waiters.forEach((w) => w());
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  const deadline = Date.now() + 60_000;
  while (connected < n) {
    if (Date.now() > deadline) throw new Error(`only ${connected}/${n} streams connected`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    seen,
    close: async () => {
      aborts.forEach((a) => a.abort());
      await dispatcher.close().catch(() => {});
    },
    async until(marker: string, deadlineMs: number) {
      while (seen.some((s) => !s.has(marker))) {
        if (performance.now() > deadlineMs) throw new Error(`${marker}: ${seen.filter((s) => s.has(marker)).length}/${n} streams saw it in time`);
        await new Promise<void>((r) => {
          waiters.add(r);
          setTimeout(r, 20);
        }).finally(() => waiters.clear());
      }
    },
  };
}

async function main() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const pgDir = path.join(DATA_DIR, "pg");
  const pg = await startEmbeddedPostgres({ dir: pgDir, quiet: true, flags: ["-c", `synchronous_commit=${SYNC_COMMIT}`] });
  let next: ChildProcess | undefined;
  const sql = connectPostgres(pg.url, { max: 2, onnotice: () => {} });
  try {
    await migrateDatabase(pg.url);
    const token = await seed(sql);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: pg.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      NEXT_DIST_DIR: DIST,
      NODE_ENV: "production",
      APP_URL: BASE,
      OUTBOX_WORKER: "off",
      SSE_MAX_STREAMS_PER_USER: String(STREAMS + 10),
    };
    if (!existsSync(path.join(DIST, "BUILD_ID"))) {
      const build = spawnSync("npx", ["next", "build"], { env, stdio: "inherit" });
      if (build.status !== 0) throw new Error("next build failed");
    }
    next = spawn(process.execPath, [...(process.env.NEXT_NODE_ARGS ? process.env.NEXT_NODE_ARGS.split(" ") : []), "node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"] });
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${BASE}/api/healthz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error("next start did not come up");
      await new Promise((r) => setTimeout(r, 200));
    }

    await api(token, "PUT", "/integration", { provider: "github", repository: "bench/repo" });
    const { url, secret } = (await api(token, "POST", "/webhooks/inbound", {})) as { url: string; secret: string };
    const receiptUrl = url.replace(/^https?:\/\/[^/]+/, BASE);

    // Warm up both routes (JIT, route compilation, connection pools).
    await autocannon({ url: `${BASE}/api/bench/ping`, method: "POST", connections: 8, amount: 500 });
    for (let i = 0; i < 100; i++) {
      const e = signedEvent(secret, 10_000 + i, `warm-${i}`);
      await fetch(receiptUrl, { method: "POST", headers: e.headers, body: e.body });
    }
    counter = 0;
    // Statistics as in a database that has run for a minute (autovacuum's first pass): without them
    // the warm-up leaves plans made for empty tables cached on every pooled connection.
    await sql`analyze`;

    const cpu: CpuProbe = () => ({
      server: processCpuSeconds(next!.pid!),
      postgres: postgresCpuSeconds(pgDir),
      generator: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    console.log(`bare route: ${CONNECTIONS} connections × ${DURATION}s…`);
    const ping = process.env.BENCH_SKIP_PING ? undefined : await cannon(`${BASE}/api/bench/ping`, cpu);
    console.log(`receipts: ${CONNECTIONS} connections × ${DURATION}s…`);
    // Signed up front, so the load generator's HMAC and JSON work does not compete with the server
    // for the two cores during the run (it falls back to signing on the fly if the run outpaces this).
    const nextEvent = () => signedEvent(secret, (counter % 500) + 1, `bench-${counter}`);
    const presigned = Array.from({ length: DURATION * 2_000 }, nextEvent);
    let sent = 0;
    const receipts = await cannon(receiptUrl, cpu, () => presigned[sent++] ?? nextEvent());
    const outcomes = await sql<{ outcome: string; n: string }[]>`
      select outcome, count(*)::text as n from deliveries where direction = 'inbound' group by outcome order by outcome`;

    const lastStream: number[] = [];
    const perStream: number[] = [];
    if (STREAMS > 0) {
      console.log(`fan-out: opening ${STREAMS} streams…`);
      const streams = await openStreams(STREAMS, token);
      for (let i = 0; i < FANOUT_EVENTS; i++) {
        const marker = `fanout-${i}`;
        const e = signedEvent(secret, 20_000 + i, marker);
        const t0 = performance.now();
        const res = await fetch(receiptUrl, { method: "POST", headers: e.headers, body: e.body });
        if (res.status !== 202) throw new Error(`fan-out receipt: HTTP ${res.status}`);
        await streams.until(marker, t0 + 10_000);
        const times = streams.seen.map((s) => s.get(marker)! - t0);
        lastStream.push(Math.max(...times));
        perStream.push(...times);
      }
      await streams.close();
      lastStream.sort((a, b) => a - b);
      perStream.sort((a, b) => a - b);
    }

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const us = (v: number) => `${Math.round(v)} µs`;
    const row = (name: string, r: typeof receipts) =>
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.total} | ${r.non2xx} | ${us(r.cpuUs.server)} · ${us(r.cpuUs.postgres)} · ${us(r.cpuUs.generator)} |`;
    const section = [
      "",
      `## Inbound receipts and SSE fan-out (\`npm run bench:inbound\`, ${new Date().toISOString().slice(0, 10)})`,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; \`next start\` + embedded PostgreSQL (synchronous_commit=${SYNC_COMMIT}, otherwise default settings) + the load generator on the same host, 127.0.0.1. autocannon, ${CONNECTIONS} connections, ${DURATION} s per run.`,
      "",
      "| route | requests/s | p50 | p99 | requests | non-2xx | CPU per request: server · PostgreSQL · load generator |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...(ping ? [row("bare `POST /api/bench/ping` (no DB, no crypto)", ping)] : []),
      row("signed GitHub `issues` receipts (verify + sync + outbox + live)", receipts),
      "",
      ping ? `**Ratio receipts / bare route: ${(receipts.rps / ping.rps).toFixed(2)}** (target: ≥ 1,000 verified receipts/s).` : "(bare route skipped)",
      `Receipt outcomes recorded: ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(", ")}.`,
      "",
      ...(STREAMS > 0
        ? [
            `SSE fan-out: ${STREAMS} open streams on one server, ${FANOUT_EVENTS} receipts posted one at a time; time from the POST to the stream seeing the event.`,
            "",
            "| measure | p50 | p99 |",
            "|---|---:|---:|",
            `| receipt → LAST of ${STREAMS} streams | ${ms(percentile(lastStream, 50))} | ${ms(percentile(lastStream, 99))} |`,
            `| receipt → each stream | ${ms(percentile(perStream, 50))} | ${ms(percentile(perStream, 99))} |`,
            "",
            `Target: p99 ≤ 250 ms to the last stream.`,
          ]
        : ["SSE fan-out: skipped (BENCH_STREAMS=0)."]),
      "",
    ].join("\n");
    console.log(section);
    writeSection(`inbound-sync-commit-${SYNC_COMMIT}`, section);
  } finally {
    next?.kill("SIGTERM");
    await sql.end().catch(() => {});
    await pg.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

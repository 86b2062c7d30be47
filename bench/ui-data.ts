// `npm run bench:ui-data`: how the webhook screens' data scales with the deliveries table.
// Times, over real HTTP against `next start` on an embedded PostgreSQL: the Deliveries API's first
// page, filtered pages, search by id and by webhook-id, date ranges, a deep keyset page, Recover's
// selection (its counted preview and the Recover POST), and the settings pages' server response (HTML), at
// 10,000 and then 1,000,000 delivery rows in one project (rows inserted with generate_series).
// Prints a Markdown section and writes it into BENCHMARKS.md (between the ui-data markers).
//   env: BENCH_SAMPLES (default 200), NEXT_DIST_DIR (default .next-bench; built when missing),
//        BENCH_PORT (default 3190), BENCH_ROWS (default "10000,1000000").
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { connectPostgres } from "../db/connect";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { CURSOR_TIME_FORMAT, encodeCursor } from "../lib/http/cursor";
import { writeSection } from "./benchmarks-file";
import { eventOf, growTo, growToOther, seed } from "./ui-data-rows";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = 20;
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const SIZES = (process.env.BENCH_ROWS ?? "10000,1000000").split(",").map(Number);
const DATA_DIR = path.join(os.tmpdir(), `switchyard-bench-ui-${process.pid}`);
const BASE = `http://127.0.0.1:${PORT}`;

type Target = {
  name: string;
  path: string;
  auth: "token" | "cookie";
  /** A write (Recover's POST): its body, the statuses it may answer, and what puts the rows back after each request (not timed). */
  post?: { body: unknown; statuses: number[]; reset: () => Promise<unknown> };
};
type Row = { target: string; rows: number; p50: number; p95: number; bytes: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(target: Target, headers: Record<string, string>): Promise<{ p50: number; p95: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const start = performance.now();
    const res = await fetch(`${BASE}${target.path}`, {
      headers: target.post ? { ...headers, "content-type": "application/json" } : headers,
      redirect: "manual",
      ...(target.post && { method: "POST", body: JSON.stringify(target.post.body) }),
    });
    const body = await res.text();
    const ms = performance.now() - start;
    if (!(target.post?.statuses ?? [200]).includes(res.status)) throw new Error(`${target.name}: HTTP ${res.status} ${body.slice(0, 200)}`);
    if (i >= WARMUP) samples.push(ms);
    bytes = body.length;
    await target.post?.reset();
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), bytes };
}

/** `next start` in a process group of its own: stopping npx alone left the server running on the port. */
function startNext(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
}

async function waitForHealth() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("next start did not become healthy within 120 s");
}

async function main() {
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  };
  const env: NodeJS.ProcessEnv = { ...process.env, ...secrets, NEXT_DIST_DIR: DIST, OUTBOX_WORKER: "off", NODE_ENV: "production", APP_URL: BASE };
  if (!existsSync(path.join(DIST, "BUILD_ID"))) {
    console.log(`Building into ${DIST}…`);
    const build = spawnSync("npx", ["next", "build"], { env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const pg = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, "postgres"), quiet: true, flags: ["-c", "shared_buffers=256MB"] });
  const sql = connectPostgres(pg.url, { max: 2, onnotice: () => {} });
  let next: ChildProcess | undefined;
  const results: Row[] = [];
  try {
    await migrateDatabase(pg.url);
    const { userId, projectId, token } = await seed(sql);
    // Other projects' rows: a quarter of the largest size, so the table is bigger than one project.
    await growToOther(sql, Math.max(...SIZES) / 4);
    const cookie = `authjs.session-token=${await encode({
      token: { uid: userId, email: "bench@example.test", name: "Bench", sub: userId },
      secret: secrets.AUTH_SECRET,
      salt: "authjs.session-token",
    })}`;
    next = startNext({ ...env, DATABASE_URL: pg.url });
    await waitForHealth();

    const api = `/api/v1/projects/${projectId}/deliveries`;
    let have = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      await growTo(sql, projectId, have, size);
      have = size;
      console.log(`${size.toLocaleString("en")} rows in place (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      // A cursor from the middle of the table, for a deep keyset page.
      const mid = await sql<{ at: string; id: string }[]>`
        select to_char(created_at at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as at, id from deliveries
        where project_id = ${projectId} order by created_at desc, id desc offset ${Math.floor(size / 2)} limit 1`;
      const deepCursor = encodeCursor(mid[0]); // the API's own codec: it refuses any other spelling (400)
      // Search and date range (DESIGN section 5): an id from the middle of the table, a day ten days back.
      const midG = Math.floor(size / 2) + (Math.floor(size / 2) % 50 === 0 ? 1 : 0);
      const day = (daysAgo: number) => encodeURIComponent(new Date(Date.now() - daysAgo * 86_400_000).toISOString());
      const targets: Target[] = [
        { name: "Deliveries API, first page", path: api, auth: "token" },
        { name: "Deliveries API, search by delivery id", path: `${api}?q=dlv_b${String(midG).padStart(9, "0")}`, auth: "token" },
        { name: "Deliveries API, search by webhook-id (event id)", path: `${api}?q=${eventOf(midG)}`, auth: "token" },
        { name: "Deliveries API, date range (one day, 10 days back)", path: `${api}?from=${day(10)}&to=${day(9)}`, auth: "token" },
        { name: "Deliveries API, date range + webhook + status=dead", path: `${api}?from=${day(10)}&to=${day(9)}&webhook=wh_bench1&status=dead`, auth: "token" },
        { name: "Recover preview: failed + dead of one webhook, last 13.9 days", path: `/api/v1/projects/${projectId}/webhooks/outbound/wh_bench1/recover?since=${day(13.9)}`, auth: "token" },
        { name: "Recover preview: the same, last hour", path: `/api/v1/projects/${projectId}/webhooks/outbound/wh_bench1/recover?since=${day(1 / 24)}`, auth: "token" },
        // Recover itself: the same selection in its transaction. Over 13.9 days at 1,000,000 rows more than the cap
        // fail (422, nothing changed); otherwise the chosen rows become pending, and are put back after each request.
        ...[13.9, 1 / 24].map((daysAgo) => ({
          name: `Recover (POST): select and re-send, last ${daysAgo > 1 ? "13.9 days" : "hour"}`,
          path: `/api/v1/projects/${projectId}/webhooks/outbound/wh_bench1/recover`,
          auth: "token" as const,
          post: {
            body: { since: new Date(Date.now() - daysAgo * 86_400_000).toISOString() },
            statuses: [200, 422],
            reset: () => sql`update deliveries set status = 'failed' where outbound_webhook_id = 'wh_bench1' and status = 'pending'`,
          },
        })),
        { name: "Deliveries API, filtered (webhook + status=failed)", path: `${api}?webhook=wh_bench1&status=failed`, auth: "token" },
        { name: "Deliveries API, filtered (event type + direction)", path: `${api}?event=case.updated&direction=outbound`, auth: "token" },
        { name: "Deliveries API, keyset page in the middle", path: `${api}?cursor=${deepCursor}`, auth: "token" },
        { name: "Settings → Webhooks page (HTML)", path: `/projects/${projectId}/settings/webhooks`, auth: "cookie" },
        { name: "Settings → Deliveries page (HTML)", path: `/projects/${projectId}/settings/webhooks/deliveries`, auth: "cookie" },
      ];
      for (const target of targets) {
        const headers: Record<string, string> = target.auth === "token" ? { authorization: `Bearer ${token}` } : { cookie };
        const r = await time(target, headers);
        results.push({ target: target.name, rows: size, ...r });
        console.log(`  ${target.name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
      }
    }
  } finally {
    if (next?.pid) process.kill(-next.pid, "SIGTERM");
    await sql.end();
    await pg.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
  report(results);
}

function report(results: Row[]) {
  const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
  const lines = [
    "",
    "## Webhook screens' data as deliveries grow (`npm run bench:ui-data`)",
    "",
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "unknown"}), embedded PostgreSQL, \`next start\`, ` +
      `${SAMPLES} sequential requests per row after ${WARMUP} warm-up requests, one project holding all rows ` +
      `(plus ${(large / 4).toLocaleString("en")} rows of another project). Times are client-side, over HTTP on 127.0.0.1; ` +
      `load average at the end ${os.loadavg()[0].toFixed(1)} (the machine is shared, so absolute figures are noisy; the ratios come from one run).`,
    "",
    `| request | p50 @ ${small.toLocaleString("en")} | p95 @ ${small.toLocaleString("en")} | p50 @ ${large.toLocaleString("en")} | p95 @ ${large.toLocaleString("en")} | p95 ratio |`,
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const name of [...new Set(results.map((r) => r.target))]) {
    const a = results.find((r) => r.target === name && r.rows === small)!;
    const b = results.find((r) => r.target === name && r.rows === large)!;
    lines.push(`| ${name} | ${a.p50.toFixed(1)} ms | ${a.p95.toFixed(1)} ms | ${b.p50.toFixed(1)} ms | ${b.p95.toFixed(1)} ms | ${(b.p95 / a.p95).toFixed(2)}× |`);
  }
  const first = (rows: number) => results.find((r) => r.target === "Deliveries API, first page" && r.rows === rows)!;
  const ok = first(large).p95 <= 50 && first(large).p95 <= 2 * first(small).p95;
  const lists = results.filter((r) => r.rows === large && r.target.startsWith("Deliveries API"));
  const slow = lists.filter((r) => r.p95 > 50).map((r) => r.target);
  const slowRecover = results.filter((r) => r.rows === large && r.target.startsWith("Recover") && r.p95 > 50).map((r) => r.target);
  lines.push(
    "",
    `Target (first page p95 ≤ 50 ms and ≤ 2× the ${small.toLocaleString("en")}-row figure at ${large.toLocaleString("en")} rows): ${ok ? "met" : "**not met**"}.`,
    `Target (every Deliveries API list query, search and date range included, p95 ≤ 50 ms at ${large.toLocaleString("en")} rows): ${slow.length ? `**not met** (${slow.join("; ")})` : "met"}.`,
    `Target (Recover's preview and POST, p95 ≤ 50 ms at ${large.toLocaleString("en")} rows): ${slowRecover.length ? `**not met** (${slowRecover.join("; ")})` : "met"}.`,
    "",
  );
  const text = lines.join("\n");
  console.log(text);
  writeSection("ui-data", text);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

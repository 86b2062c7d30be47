// `npm run bench:recovery`: how fast Switchyard comes back when PostgreSQL does (issue 11). The
// embedded PostgreSQL is stopped for BENCH_OUTAGE_SECONDS, BENCH_OUTAGES times, while domain writes
// (createCase: the case row, its event and its delivery in one transaction) run at BENCH_RATE/s and the
// in-process worker (as shipped: 60 s leases, 1 s poll) delivers to a local receiver. Per outage:
// seconds from PostgreSQL accepting connections again to the first acknowledged write and to the
// first delivery, and how long failed requests took during the outage; at the end, events lost
// (acknowledged but never delivered; must be 0) once the worker has settled.
// Prints a Markdown section and writes it into BENCHMARKS.md (between the recovery markers).
//   env: BENCH_RATE (200), BENCH_CONCURRENCY (8), BENCH_OUTAGES (2), BENCH_OUTAGE_SECONDS (5), BENCH_SETTLE_SECONDS (120)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { useBenchDatabase } from "./rig";
import { writeSection } from "./benchmarks-file";

const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 2);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_SECONDS ?? 5);
const SETTLE_S = Number(process.env.BENCH_SETTLE_SECONDS ?? 120);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-recovery-"));
  const pg = await startEmbeddedPostgres({ dir, quiet: true });
  const deliveredAt = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const caseId = JSON.parse(Buffer.concat(chunks).toString("utf8")).data.case.id as string;
      if (!deliveredAt.has(caseId)) deliveredAt.set(caseId, performance.now());
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    await useBenchDatabase(pg.url, { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
    // Imported after the environment is set: lib/env reads it once.
    const { sqlClient } = await import("../db/client");
    const { createUser } = await import("../lib/auth/users");
    const { createProject } = await import("../lib/domain/projects");
    const { createCase } = await import("../lib/domain/cases");
    const { createOutboundWebhook } = await import("../lib/outbound/webhooks");
    const { startOutboxWorker } = await import("../lib/outbound/engine/worker");

    const user = await createUser({ email: "bench@example.test", password: "bench-password-123", name: "Bench" });
    const project = await createProject(user.id, "Bench");
    const actor = { userId: user.id, email: user.email, name: user.name, projectId: project.id, role: "admin" as const };
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createOutboundWebhook(actor, project.id, { name: "recovery", url, events: ["case.created"], headers: [] });
    const worker = startOutboxWorker();

    const acknowledged = new Map<string, number>(); // case id → when the write returned
    const failures: { at: number; ms: number }[] = [];
    let writing = true;
    let n = 0;
    const gap = (1000 * CONCURRENCY) / RATE;
    const writer = async () => {
      while (writing) {
        const t0 = performance.now();
        try {
          const c = await createCase(user.id, project.id, { title: `Case ${++n}`, description: "", priority: "medium" });
          acknowledged.set(c.id, performance.now());
        } catch {
          failures.push({ at: t0, ms: performance.now() - t0 });
        }
        await sleep(Math.max(0, gap - (performance.now() - t0)));
      }
    };
    const loadStarted = performance.now();
    const load = Promise.all(Array.from({ length: CONCURRENCY }, writer));

    const rounds: { firstWriteS: number; firstDeliveryS: number; failedP99Ms: number; failedMaxMs: number; failed: number }[] = [];
    await sleep(5_000); // steady state first
    for (let i = 0; i < OUTAGES; i++) {
      const stoppedAt = performance.now();
      await pg.stop();
      await sleep(OUTAGE_S * 1000);
      await pg.start();
      const backAt = performance.now();
      const until = backAt + 30_000;
      const firstAfter = (times: Iterable<number>) => Math.min(...[...times].filter((t) => t > backAt));
      while (performance.now() < until && (!Number.isFinite(firstAfter(acknowledged.values())) || !Number.isFinite(firstAfter(deliveredAt.values())))) await sleep(20);
      const failed = failures.filter((f) => f.at >= stoppedAt && f.at < backAt).map((f) => f.ms);
      rounds.push({
        firstWriteS: (firstAfter(acknowledged.values()) - backAt) / 1000,
        firstDeliveryS: (firstAfter(deliveredAt.values()) - backAt) / 1000,
        failedP99Ms: percentile(failed, 99),
        failedMaxMs: Math.max(...failed),
        failed: failed.length,
      });
      await sleep(5_000);
    }
    writing = false;
    await load;
    const upSeconds = (performance.now() - loadStarted) / 1000 - OUTAGES * OUTAGE_S;
    const settleUntil = performance.now() + SETTLE_S * 1000;
    const missing = () => [...acknowledged.keys()].filter((id) => !deliveredAt.has(id));
    while (missing().length && performance.now() < settleUntil) await sleep(200);
    const lost = missing().length;
    const lastDelivery = Math.max(...deliveredAt.values());
    const lastAck = Math.max(...acknowledged.values());
    await worker.stop();
    await sqlClient().end({ timeout: 1 });

    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");
    const cmd = `BENCH_RATE=${RATE} BENCH_OUTAGES=${OUTAGES} BENCH_OUTAGE_SECONDS=${OUTAGE_S} npm run bench:recovery`;
    const section = `
## Recovery after PostgreSQL restarts (\`npm run bench:recovery\`, ${new Date().toISOString().slice(0, 10)})

\`${cmd}\` on this machine (2 cores, shared): createCase paced at ${RATE}/s by ${CONCURRENCY} writers (${f(acknowledged.size / upSeconds, 0)}/s acknowledged
while PostgreSQL was up: what the shared machine sustained), the in-process worker
as shipped delivering to a local receiver, the embedded PostgreSQL stopped for ${OUTAGE_S} s, ${OUTAGES} times.
Seconds are counted from PostgreSQL accepting connections again.

| outage | first acknowledged write | first delivery | writes refused meanwhile | refusal p99 / max |
|---|---|---|---|---|
${rounds.map((r, i) => `| ${i + 1} | ${f(r.firstWriteS)} s | ${f(r.firstDeliveryS)} s | ${r.failed} | ${f(r.failedP99Ms, 0)} / ${f(r.failedMaxMs, 0)} ms |`).join("\n")}

**Events lost: ${lost}** of ${acknowledged.size} acknowledged (the last delivered ${f((lastDelivery - lastAck) / 1000, 1)} s after the last acknowledged write;
deliveries whose claim or outcome the outage swallowed are sent again when their 60 s lease ends).
`;
    process.stdout.write(section);
    writeSection("recovery", section);
    if (lost) process.exitCode = 1;
  } finally {
    receiver.close();
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(process.exitCode ?? 0);

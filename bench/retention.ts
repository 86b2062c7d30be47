// `npm run bench:retention`: pruning BENCH_OLD_ROWS (1,000,000) expired rows while the outbox drains at
// load must not lower deliveries/s by more than 10 %. On the embedded PostgreSQL with default settings:
//  1. Seed the old rows in bulk (a quarter each: events, finished outbound deliveries, their attempts,
//     inbound receipts), all past RETENTION_DAYS.
//  2. Drain rounds with no pruning: N events × M webhooks emitted, then one drain delivers the backlog
//     to a keep-alive receiver in its own process (bench/outbound-receiver.ts); deliveries/s.
//  3. Start one retention pass (lib/retention, its default batches and pacing) over all the old rows and
//     run the same drain rounds back to back until it has pruned everything.
//  4. Drain rounds with no pruning again. The shared cores drift, so the rounds before and after bracket
//     the ones during; medians compared.
// Prints a Markdown section and writes it into BENCHMARKS.md (between the retention markers).
//   env: BENCH_OLD_ROWS (1000000), BENCH_EVENTS (2000), BENCH_WEBHOOKS (5), BENCH_ROUNDS (3, before and after each)
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { endBench, useBenchDatabase } from "./rig";
import { writeSection } from "./benchmarks-file";

const OLD_ROWS = Number(process.env.BENCH_OLD_ROWS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-retention-"));
  const pg = await startEmbeddedPostgres({ dir, quiet: true });
  const receiver = fork(path.join(import.meta.dirname, "outbound-receiver.ts"), [], { execArgv: ["--import", "tsx"] });
  const ask = <T>(m: string) => new Promise<T>((resolve) => receiver.once("message", (r) => resolve(r as T)) && receiver.send(m));
  try {
    const { port } = await new Promise<{ port: number }>((resolve) => receiver.once("message", (m) => resolve(m as { port: number })));
    await useBenchDatabase(pg.url, { OUTBOX_WORKER: "off", LOG_LEVEL: "warn" });
    // Imported after the environment is set: lib/env reads it once.
    const { db, sqlClient } = await import("../db/client");
    const { createUser } = await import("../lib/auth/users");
    const { createProject } = await import("../lib/domain/projects");
    const { createOutboundWebhook } = await import("../lib/outbound/webhooks");
    const { createInboundWebhook } = await import("../lib/inbound/inbound-webhooks");
    const { setIntegration } = await import("../lib/inbound/integrations");
    const { emit } = await import("../lib/events/emit");
    const { drainOutbox } = await import("../lib/outbound/engine/drain");
    const { pruneExpired, PRUNE_DEFAULTS } = await import("../lib/retention/retention");
    const sql = sqlClient();

    const user = await createUser({ email: "bench@example.test", password: "bench-password-123", name: "Bench" });
    const project = await createProject(user.id, "Bench");
    const actor = { userId: user.id, email: user.email, name: user.name, projectId: project.id, role: "admin" as const };
    const hooks: string[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const created = await createOutboundWebhook(actor, project.id, { name: `bench ${i}`, url: `http://127.0.0.1:${port}/hook/${i}`, events: ["test_run.completed"], headers: [{ name: "Authorization", value: "Bearer bench" }] });
      hooks.push(created.webhook.id);
    }
    await setIntegration({ userId: user.id }, project.id, { provider: "github", repository: "octo-org/web" });
    const inbound = await createInboundWebhook(actor, project.id, {});
    const [{ id: inboundId }] = await sql<{ id: string }[]>`select id from inbound_webhooks where project_id = ${project.id}`;
    void inbound;

    // 1. The old rows, 40 days old (RETENTION_DAYS defaults to 30), as a year of traffic leaves them:
    //    each event delivered once (succeeded, one attempt), and inbound receipts.
    const quarter = Math.floor(OLD_ROWS / 4);
    const seed0 = performance.now();
    const chunk = 50_000;
    for (let from = 1; from <= quarter; from += chunk) {
      const to = Math.min(quarter, from + chunk - 1);
      await sql`
        insert into events (id, project_id, type, body, created_at)
        select 'evt_old' || g, ${project.id}, 'test_run.completed',
               jsonb_build_object('id', 'evt_old' || g, 'type', 'test_run.completed', 'data', jsonb_build_object('test_run', jsonb_build_object('id', 'run_' || g, 'name', 'Nightly ' || g, 'state', 'completed')))::text,
               now() - interval '40 days'
        from generate_series(${from}::int, ${to}::int) g`;
      await sql`
        insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status, attempts, last_status_code, created_at, updated_at, next_attempt_at)
        select 'dlv_old' || g, ${project.id}, 'outbound', (${hooks}::text[])[1 + g % ${WEBHOOKS}], 'evt_old' || g, 'test_run.completed', 'succeeded', 1, 200,
               now() - interval '40 days', now() - interval '40 days', now() - interval '40 days'
        from generate_series(${from}::int, ${to}::int) g`;
      await sql`
        insert into delivery_attempts (delivery_id, n, started_at, duration_ms, status_code, response_excerpt)
        select 'dlv_old' || g, 1, now() - interval '40 days', 12, 200, 'ok' from generate_series(${from}::int, ${to}::int) g`;
      await sql`
        insert into deliveries (id, project_id, direction, inbound_webhook_id, event_type, status, outcome, attempts, request_digest, provider_delivery_id, last_status_code, created_at, updated_at)
        select 'dlv_in_old' || g, ${project.id}, 'inbound', ${inboundId}, 'issues', 'succeeded', 'applied', 1, md5(g::text), 'gh-' || g, 202,
               now() - interval '40 days', now() - interval '40 days'
        from generate_series(${from}::int, ${to}::int) g`;
    }
    await sql`vacuum analyze`;
    const seedSeconds = (performance.now() - seed0) / 1000;
    const oldRows = async () => {
      const [r] = await sql<{ n: number }[]>`
        select (select count(*) from events where id like 'evt_old%') + (select count(*) from deliveries where id like 'dlv_old%' or id like 'dlv_in_old%')
             + (select count(*) from delivery_attempts where delivery_id like 'dlv_old%') as n`;
      return Number(r.n);
    };
    const seeded = await oldRows();

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
    const drainRound = async () => {
      for (let done = 0; done < EVENTS; done += 200) await emitEvents(Math.min(200, EVENTS - done));
      await ask("reset");
      const t0 = performance.now();
      const counts = await drainOutbox({ untilIdle: true, timeBoxMs: 600_000 });
      const seconds = (performance.now() - t0) / 1000;
      const { count } = await ask<{ count: number }>("stats");
      if (counts.succeeded !== EVENTS * WEBHOOKS || count !== EVENTS * WEBHOOKS) throw new Error(`expected ${EVENTS * WEBHOOKS} deliveries, drain ${JSON.stringify(counts)}, receiver ${count}`);
      return count / seconds;
    };

    // Warm-up: JIT, connections, caches.
    await drainRound();
    // 2. Before.
    const before: number[] = [];
    for (let r = 0; r < ROUNDS; r++) before.push(await drainRound());
    // 3. During one retention pass over every old row.
    const p0 = performance.now();
    let pruneSeconds = 0;
    const pruning = pruneExpired({ timeBoxMs: 3_600_000 }).then((c) => {
      pruneSeconds = (performance.now() - p0) / 1000;
      return c;
    });
    let pruned: Awaited<typeof pruning> | undefined;
    void pruning.then((c) => (pruned = c));
    const during: number[] = [];
    while (!pruned) during.push(await drainRound());
    const counts = await pruning;
    // Rounds that ended after the pass did ran partly without it; the last one is dropped when it started after it.
    // 4. After.
    const after: number[] = [];
    for (let r = 0; r < ROUNDS; r++) after.push(await drainRound());
    const left = await oldRows();
    if (left !== 0) throw new Error(`${left} old rows left after the pass`);

    const baseline = median([...before, ...after]);
    const withPruning = median(during);
    const round = (x: number) => Math.round(x);
    const prunedRows = seeded - left;
    const lines = [
      "## Retention pruning during a drain at load",
      "",
      `Command: \`npm run bench:retention\` (defaults: BENCH_OLD_ROWS=${OLD_ROWS} BENCH_EVENTS=${EVENTS} BENCH_WEBHOOKS=${WEBHOOKS} BENCH_ROUNDS=${ROUNDS}). ` +
        `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${os.cpus().length} cores, Node ${process.version}), embedded PostgreSQL with default settings, ` +
        "receiver in its own process on 127.0.0.1 answering 200 at once; bench, drain, pruning and PostgreSQL share the same cores.",
      "",
      "| measure | result | target |",
      "|---|---|---|",
      `| old rows seeded, 40 days old (events, succeeded deliveries, their attempts, inbound receipts; a quarter each) | ${prunedRows.toLocaleString("en")} in ${seedSeconds.toFixed(0)} s | 1,000,000 |`,
      `| one retention pass (batches of ${PRUNE_DEFAULTS.batchSize}, resting ${PRUNE_DEFAULTS.restRatio} × each batch's time) pruning all of them, while drains ran back to back | ${pruneSeconds.toFixed(0)} s, ${round(prunedRows / pruneSeconds)} rows/s (deliveries ${counts?.deliveries}, inbound ${counts?.inbound}, events ${counts?.events}; attempts with their deliveries) | — |`,
      `| drain of ${EVENTS} events × ${WEBHOOKS} webhooks = ${EVENTS * WEBHOOKS} deliveries, no pruning: rounds before · after | ${before.map(round).join(" · ")} · ${after.map(round).join(" · ")} deliveries/s (median **${round(baseline)}**) | — |`,
      `| the same drain while the pass runs: ${during.length} rounds | ${during.map(round).join(" · ")} deliveries/s (median **${round(withPruning)}**) | — |`,
      `| during ÷ without (medians) | **${Math.round((withPruning / baseline) * 100)} %** | ≥ 90 % |`,
      "",
      "Each batch is one short statement that deletes rows a claim never takes (succeeded, dead, inbound, unreferenced events),",
      "selected FOR UPDATE SKIP LOCKED by project and age through the deliveries' project indexes; attempts go with their",
      "deliveries (the statement trigger of migration 0003), events through deliveries_event_webhook_idx. After each batch the pass rests",
      "for a multiple of the batch's own time, so it takes a bounded share of PostgreSQL however fast or slow the machine is.",
    ];
    const section = `\n${lines.join("\n")}\n`;
    process.stdout.write(`${section}\n`);
    writeSection("retention", section);
  } finally {
    await endBench(receiver, pg, dir);
  }
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

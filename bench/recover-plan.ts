// `npm run bench:recover-plan`: Recover's selection (lib/outbound/recover.ts) under EXPLAIN (ANALYZE,
// BUFFERS) on the deliveries table of `npm run bench:ui-data` at 1,000,000 rows, for the windows the
// bench times (13.9 days, the last hour), each as a custom and as a generic plan (postgres.js sends named
// prepared statements, which PostgreSQL plans generically after five runs). Prints the plans; no figures
// are written to BENCHMARKS.md.
//   env: BENCH_ROWS (default 1000000), PLAN_KEEP=1 keeps PostgreSQL running until Ctrl-C (to try other
//        shapes with psql at the printed URL).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PgDialect } from "drizzle-orm/pg-core";
import { connectPostgres } from "../db/connect";
import { startEmbeddedPostgres } from "../db/embedded";
import { useBenchDatabase } from "./rig";
import { growTo, growToOther, seed } from "./ui-data-rows";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DATA_DIR = path.join(os.tmpdir(), `switchyard-bench-recover-${process.pid}`);

async function main() {
  const pg = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, "postgres"), quiet: true, flags: ["-c", "shared_buffers=256MB"] });
  const sql = connectPostgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    await useBenchDatabase(pg.url);
    const { recoverSelection } = await import("../lib/outbound/recover");
    const { projectId } = await seed(sql);
    const t0 = performance.now();
    await growToOther(sql, ROWS / 4);
    await growTo(sql, projectId, 0, ROWS);
    console.log(`${ROWS.toLocaleString("en")} rows in place (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const dialect = new PgDialect();
    for (const [label, daysAgo] of [["last 13.9 days", 13.9], ["last hour", 1 / 24]] as const) {
      const since = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      const query = dialect.sqlToQuery(recoverSelection("wh_bench1", since));
      const chosen = await sql.unsafe(query.sql, query.params as never[]);
      console.log(`\n## ${label}: ${chosen.length} chosen (the cap is one less)`);
      await sql.unsafe(`prepare recover_selection as ${query.sql}`);
      for (const mode of ["force_custom_plan", "force_generic_plan"]) {
        await sql.unsafe(`set plan_cache_mode = ${mode}`);
        await sql.unsafe(`explain (analyze, buffers) execute recover_selection(${query.params.map((p) => `'${p}'`).join(", ")})`); // warm
        const plan = await sql.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) execute recover_selection(${query.params.map((p) => `'${p}'`).join(", ")})`);
        console.log(`\n### ${mode}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
      await sql.unsafe("deallocate recover_selection");
      await sql.unsafe("reset plan_cache_mode");
    }
    const sizes = await sql<{ name: string; size: string }[]>`
      select indexrelname as name, pg_size_pretty(pg_relation_size(indexrelid)) as size
      from pg_stat_user_indexes where relname = 'deliveries' order by indexrelname`;
    console.log(`\n## deliveries' indexes\n${sizes.map((s) => `${s.name}: ${s.size}`).join("\n")}`);
    if (process.env.PLAN_KEEP === "1") {
      console.log(`\nPostgreSQL at ${pg.url}; Ctrl-C stops it.`);
      await new Promise((r) => process.once("SIGINT", r));
    }
  } finally {
    await sql.end();
    await pg.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

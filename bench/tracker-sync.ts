// `npm run bench:tracker-sync`: reconciliation of 10,000 linked issues from the fake tracker
// (tests/helpers/fake-tracker.ts on 127.0.0.1) into an embedded PostgreSQL, per tracker:
//  1. import: the first run imports every issue (issue.created each);
//  2. update: every issue changed upstream, the next run updates all of them (issue.updated each);
//  3. unchanged: a run that re-reads its window and finds everything already applied.
// Time per run and SQL statements per issue (pg_stat_statements, track=top: every statement the product
// sent, BEGIN/COMMIT included, not the ones triggers run inside them). Prints a Markdown section and writes it to BENCHMARKS.md.
//   env: BENCH_ISSUES (10000), BENCH_TRACKERS (github,jira,azure_devops)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { FakeTracker, FAKE_CREDENTIALS, ADO_ORG, ADO_PROJECT, GITHUB_REPO, JIRA_PROJECT } from "../tests/helpers/fake-tracker";
import { useBenchDatabase } from "./rig";
import { writeSection } from "./benchmarks-file";

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const TRACKERS = (process.env.BENCH_TRACKERS ?? "github,jira,azure_devops").split(",") as ("github" | "jira" | "azure_devops")[];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-tracker-"));
  const pg = await startEmbeddedPostgres({ dir, quiet: true, flags: ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=top"] });
  const tracker = await new FakeTracker().start();
  try {
    await useBenchDatabase(pg.url, { OUTBOX_WORKER: "off", LOG_LEVEL: "warn" });
    // Imported after the environment is set: lib/env reads it once.
    const { db, sqlClient } = await import("../db/client");
    const { createUser } = await import("../lib/auth/users");
    const { createProject } = await import("../lib/domain/projects");
    const { setIntegration, setIntegrationCredential } = await import("../lib/inbound/integrations");
    const { syncIntegration } = await import("../lib/inbound/reconcile");
    await sqlClient()`create extension if not exists pg_stat_statements`;
    const user = await createUser({ email: "bench@example.test", password: "bench-password-123", name: "Bench" });

    const rows: string[] = [];
    for (const provider of TRACKERS) {
      const project = await createProject(user.id, `Bench ${provider}`);
      const map = provider === "github" ? "github" : provider === "jira" ? "jira" : "ado";
      const integration =
        provider === "github"
          ? ({ provider, repository: GITHUB_REPO, api_url: tracker.url } as const)
          : provider === "jira"
            ? ({ provider, site_url: tracker.url, project_key: JIRA_PROJECT } as const)
            : ({ provider, organization: ADO_ORG, project: ADO_PROJECT, api_url: `${tracker.url}/${ADO_ORG}` } as const);
      await setIntegration({ userId: user.id }, project.id, integration);
      await setIntegrationCredential({ userId: user.id }, project.id, FAKE_CREDENTIALS[provider]);
      const key = (n: number) => (provider === "jira" ? `QA-${n}` : String(provider === "github" ? n : 1000 + n));
      const base = Date.now() - 3600_000;
      for (let n = 1; n <= ISSUES; n++) tracker.change(map, key(n), { title: `Issue ${n}`, labels: ["bench"], updatedAt: new Date(base + n) });

      const measure = async (phase: string) => {
        await sqlClient()`select pg_stat_statements_reset()`;
        const t0 = performance.now();
        const run = await syncIntegration(project.id, "manual", user.id);
        const ms = performance.now() - t0;
        const [{ calls }] = await sqlClient()<{ calls: string }[]>`
          select coalesce(sum(calls), 0)::text as calls from pg_stat_statements
          where query not ilike '%pg_stat_statements%'`;
        const perIssue = Number(calls) / Math.max(1, run.fetched);
        rows.push(`| ${provider} | ${phase} | ${run.fetched} | ${run.imported + run.updated + run.deleted} | ${run.status} | ${(ms / 1000).toFixed(1)} s | ${((ms * 1000) / Math.max(1, run.fetched)).toFixed(0)} µs | ${perIssue.toFixed(2)} |`);
        console.log(rows.at(-1));
      };
      await measure("import");
      for (let n = 1; n <= ISSUES; n++) tracker.change(map, key(n), { title: `Issue ${n} (edited)`, state: n % 3 ? "open" : "closed", updatedAt: new Date(Date.now() + n) });
      await measure("update");
      await measure("unchanged");
      tracker[map].clear();
      await db().execute(`delete from issues where project_id = '${project.id}'`);
    }
    const section = `
## Tracker sync (reconciliation)

\`npm run bench:tracker-sync\` (BENCH_ISSUES=${ISSUES}): one run per phase through \`syncIntegration\`, against the fake
tracker on 127.0.0.1 (GitHub: 100 issues a page with Link paging; Jira: search/jql pages of 100; Azure DevOps:
WIQL then workitemsbatch of 100), embedded PostgreSQL on the same ${os.cpus().length}-core machine. *Statements per
issue* counts every statement the product sent during the run (pg_stat_statements with track=top, BEGIN/COMMIT
included) divided by the issues fetched; the load average of the shared machine is in the last line. Each page of 100 is one transaction: its issue locks in one statement, one
read of the linked issues, then each write and its event pipelined.

| tracker | phase | fetched | changed | status | time | per issue | statements per issue |
|---|---|---:|---:|---|---:|---:|---:|
${rows.join("\n")}

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min).
`;
    writeSection("tracker-sync", section);
    console.log(section);
  } finally {
    await tracker.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();

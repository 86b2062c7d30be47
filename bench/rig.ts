// What every in-process benchmark sets before it imports the product: a clearly fake configuration
// pointed at the benchmark's own PostgreSQL (lib/env reads the environment once, on first use), then
// the migrations.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { migrateDatabase } from "../db/migrate";

export async function useBenchDatabase(databaseUrl: string, extra: Record<string, string> = {}): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "bench-auth-secret-bench-auth-secret-0123",
    ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 3).toString("base64")}`,
    WEBHOOKS_ALLOW_HTTP: "1",
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "1",
    APP_URL: "http://127.0.0.1:3000",
    ...extra,
  });
  await migrateDatabase(databaseUrl);
}

/**
 * The end of an in-process benchmark: the receiver process told to exit, the product's pool closed
 * (if the bench got as far as opening it) before its PostgreSQL stops, and the data folder removed.
 */
export async function endBench(receiver: ChildProcess, pg: { stop(): Promise<void> }, dir: string): Promise<void> {
  receiver.send("exit");
  const { sqlClient } = await import("../db/client").catch(() => ({ sqlClient: undefined }));
  await sqlClient?.().end({ timeout: 1 }).catch(() => {});
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

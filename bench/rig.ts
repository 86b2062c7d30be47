// What every in-process benchmark sets before it imports the product: a clearly fake configuration
// pointed at the benchmark's own PostgreSQL (lib/env reads the environment once, on first use), then
// the migrations.
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

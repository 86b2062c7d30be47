// The one database handle of a process: drizzle over postgres.js, opened on first use.
import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; functions that must join the caller's transaction take one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: for reads that work in both. */
export type Executor = Db | Tx;

const globalForDb = globalThis as unknown as { switchyardSql?: postgres.Sql; switchyardDb?: Db };

export function sqlClient(): postgres.Sql {
  globalForDb.switchyardSql ??= postgres(env().DATABASE_URL, {
    max: 20,
    onnotice: () => {},
    connection: { application_name: "switchyard" },
  });
  return globalForDb.switchyardSql;
}

export function db(): Db {
  globalForDb.switchyardDb ??= drizzle(sqlClient(), { schema });
  return globalForDb.switchyardDb;
}

/** Liveness: resolves once the database answers. */
export async function pingDatabase(): Promise<void> {
  await sqlClient()`select 1`;
}

// The one database handle of a process: drizzle over postgres.js, opened on first use.
import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { connectPostgres } from "./connect";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; functions that must join the caller's transaction take one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: for reads that work in both. */
export type Executor = Db | Tx;

/** This process's connections as PostgreSQL names them (pg_stat_activity), so metrics can count its pool. */
export const APPLICATION_NAME = `switchyard/${process.pid}`;

const globalForDb = globalThis as unknown as { switchyardSql?: postgres.Sql; switchyardDb?: Db };

export function sqlClient(): postgres.Sql {
  globalForDb.switchyardSql ??= connectPostgres(env().DATABASE_URL, {
    max: 20,
    onnotice: () => {},
    connection: { application_name: APPLICATION_NAME },
  });
  return globalForDb.switchyardSql;
}

export function db(): Db {
  globalForDb.switchyardDb ??= drizzle(withPreparedStatements(sqlClient()), { schema });
  return globalForDb.switchyardDb;
}

/**
 * drizzle asks postgres.js for unnamed statements, which postgres.js sends in two round trips
 * (describe to learn the parameter types, then execute — nothing queued behind it is pipelined)
 * and PostgreSQL parses anew every time. Named statements, postgres.js's own default, are
 * described once per connection and then take one round trip. Same SQL, same results.
 */
function withPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        // Transactions and savepoints hand drizzle a new postgres.js handle: wrap that one too.
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const open = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, (tx: postgres.TransactionSql) => fn(withPreparedStatements(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Liveness: resolves once the database answers. */
export async function pingDatabase(): Promise<void> {
  await sqlClient()`select 1`;
}

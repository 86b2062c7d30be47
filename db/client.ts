// The one database handle of a process: drizzle over postgres.js, opened on first use.
import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { connectPostgres } from "./connect";
import { env } from "@/lib/env";
import { databaseAvailability } from "./availability";
import { guardSql, type GuardedSql } from "./guarded-sql";
import * as schema from "./schema";
import { DatabaseUnavailable, firstLine } from "./unavailable";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; functions that must join the caller's transaction take one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: for reads that work in both. */
export type Executor = Db | Tx;

/** This process's connections as PostgreSQL names them (pg_stat_activity), so metrics can count its pool. */
export const APPLICATION_NAME = `switchyard/${process.pid}`;

const globalForDb = globalThis as unknown as { switchyardSql?: GuardedSql; switchyardDb?: Db };

/**
 * On top of every client's connect timeout and short backoff (db/connect.ts): a statement runs at most
 * 15 s, and a transaction left idle (a client that gave up on it) is ended by PostgreSQL after 30 s.
 * Transactions and reserved sections are bounded at 20 s (db/guarded-sql.ts).
 */
export const POOL_OPTIONS = {
  connection: { statement_timeout: 15_000, idle_in_transaction_session_timeout: 30_000 },
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;
export const TRANSACTION_DEADLINE_MS = 20_000;
const PROBE_TIMEOUT_MS = 2_000;

/** The guarded pool of `url` (db/guarded-sql.ts), with a probe that opens a fresh connection each time. */
export function openGuardedPool(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): GuardedSql {
  const pool = connectPostgres(url, { ...POOL_OPTIONS, onnotice: () => {}, ...options, connection: { ...POOL_OPTIONS.connection, ...options.connection } });
  return guardSql(pool, {
    deadlineMs: TRANSACTION_DEADLINE_MS,
    probe: async () => {
      // A fresh pool each time, during outages: no array types to read (db/connect.ts), only `select 1`.
      const probe = connectPostgres(url, { max: 1, connect_timeout: PROBE_TIMEOUT_MS / 1000, backoff: () => 0, idle_timeout: 1, fetch_types: false, onnotice: () => {} });
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe`select 1`,
          new Promise((_, reject) => (timer = setTimeout(() => reject(new DatabaseUnavailable("probe timed out")), PROBE_TIMEOUT_MS))),
        ]);
      } finally {
        clearTimeout(timer);
        await probe.end({ timeout: 0 }).catch(() => {});
      }
    },
  });
}

export function sqlClient(): postgres.Sql {
  globalForDb.switchyardSql ??= openGuardedPool(env().DATABASE_URL, { max: 20, connection: { application_name: APPLICATION_NAME } });
  return globalForDb.switchyardSql.sql;
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

/** Liveness: resolves once the database answers; DatabaseUnavailable after `timeoutMs`. */
export async function pingDatabase(timeoutMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sqlClient()`select 1`,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new DatabaseUnavailable(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export type DatabaseHealth = { ok: true; latency_ms: number } | { ok: false; reason: string; unreachable_since: string | null };

/** For /api/healthz: did the database answer `select 1` within `timeoutMs`? */
export async function databaseHealth(timeoutMs = 1_000): Promise<DatabaseHealth> {
  const t0 = performance.now();
  try {
    await pingDatabase(timeoutMs);
    return { ok: true, latency_ms: Math.round(performance.now() - t0) };
  } catch (err) {
    const a = databaseAvailability();
    return { ok: false, reason: firstLine(err), unreachable_since: !a.reachable && a.since ? a.since.toISOString() : null };
  }
}

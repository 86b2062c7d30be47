// Every PostgreSQL client (app, migrations, CLI, tests, benchmarks) opens through here, so a URL in
// libpq's form for a Unix-domain socket — `postgres://user:pass@localhost:5432/db?host=/tmp` — works
// everywhere. The embedded server is reached that way: on this kind of machine a socket round trip
// costs the client about a third less CPU than one over 127.0.0.1 (BENCHMARKS.md).
import postgres from "postgres";
import { reconnectDelaySeconds } from "./unavailable";

/**
 * Every client fails fast and recovers fast (issue 11): a connection attempt gives up after 3 s (the
 * default is 30 s), reconnects back off at most 1 s (the default grows to 20 s), and a dead peer is
 * noticed by TCP keepalive within about 10 s. Statement limits are the app pool's (db/client.ts):
 * migrations may legitimately run long.
 */
export const CONNECT_DEFAULTS = { connect_timeout: 3, backoff: reconnectDelaySeconds, keep_alive: 10 } satisfies postgres.Options<Record<string, postgres.PostgresType>>;

/** Splits a socket directory given as `?host=/dir` off the URL: postgres.js would send it to the server as a setting. */
export function socketOptions(url: string): { url: string; host?: string } {
  const u = new URL(url);
  const host = u.searchParams.get("host");
  if (!host?.startsWith("/")) return { url };
  u.searchParams.delete("host");
  return { url: u.toString(), host };
}

export function connectPostgres(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const { url: tcpUrl, host } = socketOptions(url);
  const o = { ...CONNECT_DEFAULTS, ...options };
  return readArrayTypesOnce(postgres(tcpUrl, host ? { ...o, host } : o));
}

/**
 * postgres.js reads the server's array types (pg_type) as the first statement of every new connection
 * (`fetch_types`), in a promise nothing handles (porsager/postgres#1192, #1205, #1223; 3.4.9 is the
 * latest release): when PostgreSQL ends the connection during that statement (stopping, restarting, a
 * terminated backend) its error (`read ECONNRESET`, 57P01) is an unhandled rejection no caller can
 * catch, which ends the process. postgres.js keeps the types per pool, and they are the same for every
 * connection, so once one connection has read them the pool's later connections skip the statement:
 * the reconnects during and after an outage, where it used to happen, never send it. A pool whose first
 * connection fails reads them on the next one. A type created later is not learned by a pool already
 * open: migrations run before the app opens its pool. (A client that only probes turns it off.)
 */
function readArrayTypesOnce(sql: postgres.Sql): postgres.Sql {
  const options = sql.options as typeof sql.options & { shared: { typeArrayMap: Record<number, number> } };
  if (options.fetch_types) {
    Object.defineProperty(options, "fetch_types", { get: () => Object.keys(options.shared.typeArrayMap).length === 0, enumerable: true });
  }
  return sql;
}

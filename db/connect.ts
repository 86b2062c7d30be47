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
  return postgres(tcpUrl, host ? { ...o, host } : o);
}

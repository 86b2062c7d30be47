// postgres.js with its sharp edges guarded, for every connection pool the app opens (issue 11).
//
// postgres.js 3.4.9 (the latest release) has no fix for a closed connection that keeps being written
// to (porsager/postgres#1208, #1154, open PRs #1168, #1209, #1215): when PostgreSQL goes away, the
// connection's socket is set to null and the connection goes back to the pool's closed queue, but a
// handle pinned to it — `sql.reserve()`, or `sql.begin()`'s transaction, whose rollback is sent on the
// very connection that just died — can still send a query, and the write is scheduled on a
// `setImmediate` that throws "Cannot read properties of null (reading 'write')" as an uncaught
// exception. Releasing such a reserved handle also puts the closed connection into the open queue,
// where the next pooled query finds it without a socket and hangs or crashes the same way.
//
// So here: a reserved handle (and our own `begin`, built on one) sends nothing more once a query on
// it failed with a lost connection, and is then never released (the pool already took the connection
// back); transactions are bounded by a deadline; and while PostgreSQL is known to be unreachable
// (a probe on a fresh connection fails) queries fail at once with DatabaseUnavailable instead of
// queueing behind the reconnect backoff, so a request answers 503 in milliseconds.
import type postgres from "postgres";
import { logger } from "@/lib/logger";
import { DatabaseUnavailable, firstLine, isConnectionLost } from "./unavailable";

export type Availability = { reachable: boolean; since: Date | null; reason: string | null };

type Query = postgres.PendingQuery<postgres.Row[]>;
type Observe = (err: unknown) => void;

const PROBE_EVERY_MS = 250;

export type GuardOptions = {
  /** Resolves when a fresh connection answers; rejects otherwise (bounded by the caller). */
  probe: () => Promise<void>;
  /** Longest a transaction or reserved section may take before it is given up as lost. */
  deadlineMs: number;
  /** Name in log lines. */
  name?: string;
};

export type GuardedSql = {
  sql: postgres.Sql;
  availability(): Availability;
  /** Runs `fn` on one reserved connection, bounded by the deadline, released only if still sound. */
  withReserved<T>(fn: (conn: postgres.Sql) => Promise<T>, deadlineMs?: number): Promise<T>;
};

/** A query that fails without touching any connection. */
function failedQuery(err: unknown): Query {
  const p = Promise.reject(err) as Query;
  p.catch(() => {}); // the caller awaits it; no unhandled-rejection warning for the copy
  return Object.assign(p, { values: () => p, raw: () => p, execute: () => p, simple: () => p, describe: () => p, cancel: () => {} });
}

/** Lets `observe` see the query's error when somebody awaits it, without running fragments that nobody awaits. */
function watch(q: Query, observe: Observe): Query {
  const then = q.then;
  q.then = function (this: Query, onOk, onErr) {
    return then.call(this, onOk, (err: unknown) => {
      observe(err);
      if (onErr) return onErr(err);
      throw err;
    }) as never;
  } as Query["then"];
  return q;
}

const isTemplate = (args: unknown[]) => Array.isArray((args[0] as { raw?: unknown } | undefined)?.raw);

export function guardSql(pool: postgres.Sql, options: GuardOptions): GuardedSql {
  const name = options.name ?? "database";
  const state: Availability & { watching: boolean } = { reachable: true, since: null, reason: null, watching: false };

  // A lost connection: is PostgreSQL gone, or only that connection (a backend terminated, a proxy
  // timeout)? A probe on a fresh connection tells; while it fails, queries fail fast.
  async function confirm(err: unknown) {
    if (state.watching) return;
    state.watching = true;
    try {
      try {
        await options.probe();
        return;
      } catch (probeErr) {
        state.reachable = false;
        state.since = new Date();
        state.reason = firstLine(probeErr);
        logger.warn({ err, probe: state.reason }, `${name} unreachable: answering 503 until it is back`);
      }
      for (;;) {
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS).unref());
        try {
          await options.probe();
          break;
        } catch (probeErr) {
          state.reason = firstLine(probeErr);
        }
      }
      const downMs = Date.now() - state.since!.getTime();
      state.reachable = true;
      state.since = new Date();
      state.reason = null;
      logger.info({ down_ms: downMs }, `${name} reachable again`);
    } finally {
      state.watching = false;
    }
  }
  const observePool: Observe = (err) => {
    if (isConnectionLost(err)) void confirm(err);
  };
  const unavailable = () => new DatabaseUnavailable(`The database is unreachable (${state.reason}).`);

  /** A reserved connection's handle that refuses to send once its connection was lost. */
  async function reserve(): Promise<{ sql: postgres.Sql; lost: () => unknown; failed: () => unknown; clearFailed: (to: unknown) => void; release: () => void }> {
    if (!state.reachable) throw unavailable();
    let raw: postgres.ReservedSql;
    try {
      raw = await pool.reserve();
    } catch (err) {
      observePool(err);
      throw err;
    }
    let lost: unknown = null;
    let failed: unknown = null;
    let released = false;
    const observe: Observe = (err) => {
      if (isConnectionLost(err)) {
        lost ??= err;
        observePool(err);
      } else failed ??= err;
    };
    // The connection can also close while we hold it idle (between two of our queries), and then no
    // query of ours fails to tell us. postgres.js hands a query's connection to its `onexecute` option
    // and calls that connection's `onclose` when it closes (what its own `begin` uses): an empty
    // query, pipelined ahead of the caller's first, picks it up.
    const mark = raw.unsafe("", [], {
      onexecute: (c: { onclose: ((e: unknown) => void) | null }) => {
        c.onclose = (e) => {
          lost ??= e ?? new DatabaseUnavailable("The connection closed.");
          observePool(lost);
        };
        return true;
      },
    } as postgres.UnsafeQueryOptions);
    mark.catch(observe);
    const run = (make: () => Query) => (lost ? failedQuery(lost) : watch(make(), observe));
    const sql = new Proxy(raw, {
      apply(target, self, args) {
        if (!isTemplate(args)) return Reflect.apply(target, self, args);
        return run(() => Reflect.apply(target, self, args) as Query);
      },
      get(target, prop, receiver) {
        if (prop === "unsafe") return (...args: Parameters<postgres.Sql["unsafe"]>) => run(() => target.unsafe(...args) as unknown as Query);
        if (prop === "release") return release;
        if (prop === "begin" || prop === "reserve") return undefined; // one connection, one owner
        return Reflect.get(target, prop, receiver);
      },
    }) as unknown as postgres.Sql;
    return { sql, lost: () => lost, failed: () => failed, clearFailed: (to) => (failed = to), release };

    function release() {
      // A lost connection is already back in the pool's closed queue; releasing it would put it in
      // the open queue without a socket (porsager/postgres#1208).
      if (released || lost) return;
      released = true;
      raw.release();
    }
  }

  async function bounded<T>(work: Promise<T>, deadlineMs: number, onTimeout: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(new DatabaseUnavailable(`The database did not answer within ${deadlineMs} ms.`));
      }, deadlineMs);
      timer.unref();
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function withReserved<T>(fn: (conn: postgres.Sql) => Promise<T>, deadlineMs = options.deadlineMs): Promise<T> {
    const conn = await reserve();
    let timedOut = false;
    try {
      return await bounded(fn(conn.sql), deadlineMs, () => (timedOut = true));
    } finally {
      // After a timeout the connection may still be busy with our queries: never hand it back. If it
      // is alive, PostgreSQL's idle_in_transaction_session_timeout or keepalive closes it eventually.
      if (!timedOut) conn.release();
    }
  }

  /** `sql.begin()` on a guarded reserved connection: begin, fn, commit — or rollback only if the connection is sound. */
  async function begin(...args: unknown[]): Promise<unknown> {
    const fn = args.pop() as (tx: postgres.Sql) => unknown;
    const mode = typeof args[0] === "string" ? args[0].replace(/[^a-z ]/gi, "") : "";
    const conn = await reserve();
    let savepoints = 0;
    const tx = new Proxy(conn.sql, {
      get(target, prop, receiver) {
        if (prop === "savepoint") {
          return async (inner: (tx: postgres.Sql) => unknown) => {
            const point = `s${++savepoints}`;
            const before = conn.failed();
            await tx.unsafe(`savepoint ${point}`);
            try {
              const result = await inner(tx);
              if (conn.failed() !== before) throw conn.failed();
              await tx.unsafe(`release savepoint ${point}`);
              return result;
            } catch (err) {
              if (!conn.lost()) {
                await tx.unsafe(`rollback to savepoint ${point}`);
                conn.clearFailed(before);
              }
              throw err;
            }
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    let timedOut = false;
    const work = (async () => {
      await tx.unsafe(`begin ${mode}`);
      const result = await fn(tx);
      // As postgres.js does: a query that failed inside (even if its error was caught) fails the transaction.
      if (conn.failed()) throw conn.failed();
      await tx.unsafe("commit");
      return result;
    })();
    try {
      return await bounded(work, options.deadlineMs, () => (timedOut = true));
    } catch (err) {
      if (!conn.lost() && !timedOut) await tx.unsafe("rollback").catch(() => {});
      throw err;
    } finally {
      if (!timedOut) conn.release();
    }
  }

  const sql = new Proxy(pool, {
    apply(target, self, args) {
      if (!isTemplate(args)) return Reflect.apply(target, self, args);
      if (!state.reachable) return failedQuery(unavailable());
      return watch(Reflect.apply(target, self, args) as Query, observePool);
    },
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (...args: Parameters<postgres.Sql["unsafe"]>) => (state.reachable ? watch(target.unsafe(...args) as unknown as Query, observePool) : failedQuery(unavailable()));
      }
      if (prop === "begin") return begin;
      // A guarded reserved handle; withConnection() adds the deadline.
      if (prop === "reserve") return async () => (await reserve()).sql;
      return Reflect.get(target, prop, receiver);
    },
  }) as postgres.Sql;

  const guarded: GuardedSql = {
    sql,
    availability: () => ({ reachable: state.reachable, since: state.since, reason: state.reason }),
    withReserved,
  };
  guards.set(sql, guarded);
  return guarded;
}

const guards = new WeakMap<postgres.Sql, GuardedSql>();

/**
 * Runs `fn` on one connection of `sql` (for pipelining: queries issued together leave in one write).
 * On a guarded pool: bounded by its deadline, and a connection that was lost is never handed back.
 */
export async function withConnection<T>(sql: postgres.Sql, fn: (conn: postgres.Sql) => Promise<T>, deadlineMs?: number): Promise<T> {
  const guard = guards.get(sql);
  if (guard) return guard.withReserved(fn, deadlineMs);
  const conn = await sql.reserve();
  try {
    return await fn(conn);
  } finally {
    conn.release();
  }
}

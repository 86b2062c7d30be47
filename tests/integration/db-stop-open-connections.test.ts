// PostgreSQL stopping while the app holds every kind of connection it opens (the outbox worker's
// LISTEN, the live stream's listener, a reserved connection, pooled queries, and a connection still
// starting up) throws nothing out of band: every failure reaches the caller that made the query, none
// reaches uncaughtException / unhandledRejection (one ended `bench:outbound` at teardown, and once
// `db-outage.test.ts`).
//
// The connection still starting up is the case that did: postgres.js reads the array types (pg_type)
// as the first statement of each new connection in a promise nobody handles (porsager/postgres#1192,
// #1205, #1223). Here the app reaches the real PostgreSQL through a pass-through socket that can hold
// that statement back, so a new connection is still reading the types when the server stops.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHealth, sqlClient } from "@/db/client";
import { databaseAvailability } from "@/db/availability";
import { withConnection } from "@/db/guarded-sql";
import { startOutboxWorker, type OutboxWorker } from "@/lib/outbound/engine/worker";
import { subscribeLive } from "@/lib/realtime/bus";
import { useOwnPostgres } from "../helpers/own-postgres";
import { waitFor } from "../helpers/webhook-receiver";

const socketDir = mkdtempSync(path.join(os.tmpdir(), "switchyard-stop-sock-"));
let worker: OutboxWorker | undefined;
let proxy: ReturnType<typeof passThrough>;
// After hooks run in reverse: this one after useOwnPostgres's, once the pool is closed.
afterAll(async () => {
  await proxy?.close();
  rmSync(socketDir, { recursive: true, force: true });
});
const own = useOwnPostgres({ name: "stop-pg", beforeStop: async () => worker?.stop() });
beforeAll(() => {
  // The product's pool reaches the server through the pass-through socket.
  proxy = passThrough(own.pg.port);
  process.env.DATABASE_URL = own.pg.url.replace("host=/tmp", `host=${encodeURIComponent(socketDir)}`);
});

/**
 * A Unix socket in `socketDir` named as PostgreSQL names its own, piping every connection to the real
 * server's. While `holdTypes` is on, a connection's statement that reads the array types is kept back
 * (counted in `held`); when the server closes its side, the app's side is closed too.
 */
function passThrough(port: number) {
  const state = { holdTypes: false, held: 0 };
  const server = net.createServer((app) => {
    const db = net.connect(path.join("/tmp", `.s.PGSQL.${port}`));
    let holding = false;
    app.on("data", (chunk) => {
      if (!holding && state.holdTypes && chunk.includes("typarray")) {
        holding = true;
        state.held++;
      }
      if (!holding) db.write(chunk);
    });
    db.on("data", (chunk) => app.write(chunk));
    const close = () => (app.destroy(), db.destroy());
    app.on("close", close).on("error", close);
    db.on("close", close).on("error", close);
  });
  server.listen(path.join(socketDir, `.s.PGSQL.${port}`));
  return { state, close: () => new Promise((r) => server.close(r)) };
}

/** Settles with the query's outcome, so the test can wait on queries it expects to fail. */
const outcome = (p: Promise<unknown>) => p.then(() => "answered", (err: unknown) => err);

describe("PostgreSQL stopped under open connections", () => {
  it("fails the queries that were waiting, and nothing reaches uncaughtException or unhandledRejection", async () => {
    await sqlClient()`select 1`;
    worker = startOutboxWorker({ checkEveryMs: 500 });
    const unsubscribe = await subscribeLive({ projectIds: new Set(["prj_none"]), deliver: () => {}, resync: () => {} });

    // A reserved connection, idle in the middle of its work when the server goes.
    let finish!: () => void;
    const held = outcome(
      withConnection(sqlClient(), async (c) => {
        await c`select 1`;
        await new Promise<void>((r) => (finish = r));
        await c`select 1`;
      }),
    );

    // New pooled connections (the pool's others are busy): one that reads the array types, as
    // postgres.js does on every new connection unless told otherwise, is held there.
    proxy.state.holdTypes = true;
    const busy = [...Array(4)].map(() => outcome(sqlClient()`select pg_sleep(0.2)`));
    const settled = new Set<number>();
    busy.forEach((p, i) => void p.then(() => settled.add(i)));
    await waitFor("new connections to answer, or to read the array types", () => settled.size === busy.length || proxy.state.held > 0);

    await own.pg.stop();
    proxy.state.holdTypes = false;
    finish();
    // Every query that was waiting fails (or had been answered); the reserved section fails; the pool knows.
    await Promise.all(busy);
    expect(await held).toBeInstanceOf(Error);
    await waitFor("the pool to know the database is unreachable", () => !databaseAvailability().reachable);
    expect((await databaseHealth()).ok).toBe(false);

    // Back: the pool, the worker's LISTEN and the live listener reconnect, still without anything out of band.
    await own.pg.start();
    await waitFor("the pool to answer again", async () => (await databaseHealth()).ok, 20_000, 100);
    unsubscribe();
    expect(own.problems).toEqual([]);
  }, 60_000);
});

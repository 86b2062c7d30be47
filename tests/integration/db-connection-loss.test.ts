// A connection whose backend dies under a reserved handle or a transaction (porsager/postgres#1208):
// the queries fail with a catchable error, nothing throws out of band, and the pool keeps serving.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { connectPostgres } from "@/db/connect";
import { db, sqlClient } from "@/db/client";
import { withConnection } from "@/db/guarded-sql";
import { isConnectionLost } from "@/db/unavailable";
import { waitFor } from "../helpers/webhook-receiver";

const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);
const killer = connectPostgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });

beforeAll(() => {
  process.on("uncaughtException", onUncaught);
});
afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  await killer.end();
});
afterEach(async () => {
  // Whatever happened, the pool serves every connection's worth of queries again. (The first query
  // on a reconnected connection may still fail: postgres.js 3.4.9 hands it the dead backend's 57P01.)
  await waitFor("the pool to serve 40 queries at once", async () => {
    const rows = await Promise.all(Array.from({ length: 40 }, (_, i) => sqlClient()<{ n: number }[]>`select ${i}::int as n`)).catch(() => []);
    return rows.length === 40 && rows.every((r, i) => r[0].n === i);
  });
  // An immediate may carry the out-of-band throw: give it its turn before looking.
  await new Promise((r) => setImmediate(r));
  expect(uncaught).toEqual([]);
});

const terminate = (pid: number) => killer`select pg_terminate_backend(${pid})`;

describe("a lost connection", () => {
  it("under a reserved handle: later queries on it fail, and releasing it leaves the pool sound", async () => {
    const conn = await sqlClient().reserve();
    const [{ pid }] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await terminate(pid);
    const first = await conn`select 1`.then(() => null, (e: unknown) => e);
    expect(isConnectionLost(first)).toBe(true);
    // The second query is the one that crashed the process (a write to a null socket).
    const second = await conn`select 1`.then(() => null, (e: unknown) => e);
    expect(isConnectionLost(second)).toBe(true);
    conn.release();
  });

  it("under pipelined queries in withConnection: the section rejects with the connection error", async () => {
    const err = await withConnection(sqlClient(), async (conn) => {
      const [{ pid }] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await terminate(pid);
      await Promise.all([conn`begin`, conn`select 1`, conn`commit`]);
    }).then(() => null, (e: unknown) => e);
    expect(isConnectionLost(err)).toBe(true);
  });

  it("inside a transaction: the transaction rejects and its rollback is never sent on the dead connection", async () => {
    const err = await db()
      .transaction(async (tx) => {
        const [{ pid }] = await tx.execute<{ pid: number }>(dsql`select pg_backend_pid() as pid`);
        await terminate(pid);
        await tx.execute(dsql`select 1`);
      })
      .then(() => null, (e: unknown) => e);
    expect(isConnectionLost(err)).toBe(true);
  });

  it("a transaction whose query failed but was caught inside still rolls back", async () => {
    await sqlClient()`create table if not exists conn_loss_probe (id int primary key)`;
    const err = await db()
      .transaction(async (tx) => {
        await tx.execute(dsql`insert into conn_loss_probe values (1)`);
        await tx.execute(dsql`select 1/0`).catch(() => {});
      })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const rows = await sqlClient()`select * from conn_loss_probe`;
    expect(rows).toHaveLength(0);
  });
});

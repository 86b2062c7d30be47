// PostgreSQL going away under load (issue 11): a real server this test controls is stopped for a few
// seconds twice while the API takes writes at a steady rate and the in-process worker delivers them
// to a live receiver. Every acknowledged write's event arrives, nothing throws out of band, the
// worker resumes by itself, and requests during the outage end promptly with 503 + Retry-After.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { beforeAll, describe, expect, it } from "vitest";
import { POST as createCaseRoute } from "@/app/api/v1/projects/[projectId]/cases/route";
import { GET as healthz } from "@/app/api/healthz/route";
import { startEmbeddedPostgres, EmbeddedStartError } from "@/db/embedded";
import { startOutboxWorker, type OutboxWorker } from "@/lib/outbound/engine/worker";
import { call, makeProject } from "../helpers/factories";
import { useOwnPostgres } from "../helpers/own-postgres";
import { createWebhook } from "../helpers/outbound";
import { startReceiver, waitFor } from "../helpers/webhook-receiver";

const OUTAGES = 2;
// A request that takes longer than this during the outage is hanging, not answering 503.
const HANG_MS = 10_000;

let worker: OutboxWorker;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const own = useOwnPostgres({
  name: "outage-pg",
  flags: ["-c", "synchronous_commit=off"],
  beforeStop: async () => {
    await worker?.stop();
    await receiver?.close();
  },
});
const { problems } = own;

beforeAll(async () => {
  receiver = await startReceiver();
});

describe("PostgreSQL stopped twice under steady writes", () => {
  it("loses no acknowledged event, throws nothing out of band, answers 503 meanwhile, and the worker resumes alone", async () => {
    const ctx = await makeProject("Outage");
    await createWebhook(ctx.project, ctx.admin.token, { name: "live", url: receiver.url("/live"), events: ["case.created"] });
    // Short leases: a claim whose answer the outage swallowed is taken again within the test.
    worker = startOutboxWorker({ drainOptions: { leaseMs: 3_000, pollMs: 100 }, stallMs: 10_000, checkEveryMs: 500 });

    const acknowledged = new Set<string>();
    const duringOutage: { status: number; retryAfter: string | null }[] = [];
    let down = false;
    let writing = true;
    let n = 0;
    const write = async () => {
      const outage = down;
      const res = await Promise.race([
        call(createCaseRoute, { method: "POST", params: { projectId: ctx.project.id }, token: ctx.admin.token, body: { title: `Case ${++n}` } }),
        new Promise<null>((r) => setTimeout(() => r(null), HANG_MS)),
      ]);
      expect(res, "a request hung instead of answering").not.toBeNull();
      if (res!.status === 201) acknowledged.add(res!.json.case.id);
      else if (outage && down) duringOutage.push({ status: res!.status, retryAfter: res!.headers.get("retry-after") });
      else expect([201, 503]).toContain(res!.status); // at the edges of an outage either answer is fine
    };
    // About 50 writes a second, two at a time.
    const load = Promise.all(
      [0, 1].map(async () => {
        while (writing) {
          await write();
          await new Promise((r) => setTimeout(r, 40));
        }
      }),
    );

    const received = () => new Set(receiver.received.map((r) => JSON.parse(r.body).data.case.id as string));
    for (let outage = 0; outage < OUTAGES; outage++) {
      const before = acknowledged.size;
      await waitFor("writes to be acknowledged and delivered", () => acknowledged.size >= before + 20 && received().size >= acknowledged.size - 10, 20_000);
      down = true;
      await own.pg.stop();
      const failedBefore = duringOutage.length;
      // A few seconds down: ~150 requests at ~50/s, each answered 503 at once.
      await waitFor("requests to be answered during the outage", () => duringOutage.length >= failedBefore + 150, 30_000);
      const health = await call(healthz);
      expect(health.status).toBe(503);
      expect(health.json).toMatchObject({ ok: false, database: { ok: false } });
      await own.pg.start();
      down = false;
    }
    const total = acknowledged.size;
    await waitFor("writes to be acknowledged again", () => acknowledged.size >= total + 20, 20_000);
    writing = false;
    await load;

    expect(duringOutage.length).toBeGreaterThanOrEqual(OUTAGES * 150);
    expect(duringOutage.every((r) => r.status === 503 && Number(r.retryAfter) > 0)).toBe(true);
    // The worker alone (no manual drain) delivers every acknowledged event.
    await waitFor("every acknowledged event to be delivered", () => [...acknowledged].every((id) => received().has(id)), 30_000, 100);
    expect((await call(healthz)).status).toBe(200);
    expect(problems).toEqual([]);
  }, 120_000);

  it("a start failure says why (here: the data folder is in use by a running server)", async () => {
    const err = await startEmbeddedPostgres({ dir: own.dir, port: own.pg.port, quiet: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EmbeddedStartError);
    expect(String((err as Error).message)).toMatch(/postmaster\.pid|already|in use/i);
  });
});

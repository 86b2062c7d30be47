// GET /api/readyz: 200 when migrations are applied, the worker (if any) turns and the outbox keeps up;
// 503 with the reason otherwise.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { GET as readyz } from "@/app/api/readyz/route";
import { call, makeProject } from "../helpers/factories";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";

describe("GET /api/readyz", () => {
  it("is ready on a migrated database with nothing lagging (this instance runs no worker)", async () => {
    const res = await call(readyz, {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, checks: { migrations: { ok: true }, worker: { ok: true, detail: expect.stringContaining("OUTBOX_WORKER=off") }, lag: { ok: true } } });
  });

  it("is not ready, saying which, while a migration is not applied", async () => {
    const [last] = await db().execute<{ id: number; hash: string; created_at: string }>(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    await db().execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`);
    try {
      const res = await call(readyz, {});
      expect(res.status).toBe(503);
      expect(res.json.ok).toBe(false);
      expect(res.json.checks.migrations).toMatchObject({ ok: false, detail: expect.stringMatching(/^Migrations not applied: \d{4}_\w+\.$/) });
    } finally {
      await db().execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`);
    }
    expect((await call(readyz, {})).status).toBe(200);
  });

  it("is not ready while the oldest due delivery has waited too long", async () => {
    const ctx = await makeProject("Lagging");
    const hook = await createWebhook(ctx.project, ctx.admin.token, { name: "Slow", url: "http://127.0.0.1:9/x", events: ["case.created"] });
    await emitCaseCreated(ctx.project, 1);
    await db().execute(sql`update deliveries set next_attempt_at = now() - interval '10 minutes' where outbound_webhook_id = ${hook.webhook.id}`);
    try {
      const res = await call(readyz, {});
      expect(res.status).toBe(503);
      expect(res.json.checks.lag).toMatchObject({ ok: false, detail: expect.stringContaining("has waited 600 s") });
    } finally {
      await db().execute(sql`delete from deliveries where outbound_webhook_id = ${hook.webhook.id}`);
    }
  });
});

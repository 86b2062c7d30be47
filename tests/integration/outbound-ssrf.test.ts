// SSRF protection with the test-rig overrides OFF: internal destinations are refused when a webhook
// is saved, and again at send time (for rows that got in some other way, or DNS that changed since).
process.env.WEBHOOKS_ALLOW_HTTP = "0";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "0";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { db } from "@/db/client";
import { outboundWebhooks } from "@/db/schema";
import { POST as createRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/route";
import { PATCH as updateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/route";
import { newId } from "@/lib/ids";
import { Dispatcher } from "@/lib/outbound/engine/dispatcher";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { call, makeProject } from "../helpers/factories";
import { emitCaseCreated } from "../helpers/outbound";
import { startReceiver } from "../helpers/webhook-receiver";

let ctx: Awaited<ReturnType<typeof makeProject>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const strict = new Dispatcher({ allowHttp: false, allowPrivateNetworks: false });

beforeAll(async () => {
  ctx = await makeProject("SSRF");
  receiver = await startReceiver();
});
afterAll(async () => {
  await strict.close();
  await receiver.close();
});

// Every one of these reaches the receiver's machine; the port is real so only the guard stands between.
const internal = () => [
  `https://127.0.0.1:${receiver.port}/hook`,
  `https://169.254.169.254/latest/meta-data/`,
  `https://[::ffff:127.0.0.1]:${receiver.port}/hook`,
  `https://0x7f000001:${receiver.port}/hook`,
  `https://2130706433:${receiver.port}/hook`,
  `https://localhost:${receiver.port}/hook`, // a hostname that resolves to loopback
];

describe("SSRF protection at create time", () => {
  it.each([0, 1, 2, 3, 4, 5])("refuses internal destination #%i with a 422 naming the url field", async (i) => {
    const url = internal()[i];
    const res = await call(createRoute, { method: "POST", params: { projectId: ctx.project.id }, token: ctx.admin.token, body: { name: "x", url, events: ["case.created"] } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: "url", message: expect.stringMatching(/public addresses/) })]);
  });

  it("refuses plain http:// URLs", async () => {
    const res = await call(createRoute, { method: "POST", params: { projectId: ctx.project.id }, token: ctx.admin.token, body: { name: "x", url: "http://example.com/hook", events: ["case.created"] } });
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/https/);
  });

  it("refuses changing an existing webhook's URL to an internal one", async () => {
    const [row] = await db()
      .insert(outboundWebhooks)
      .values({ id: newId("wh"), projectId: ctx.project.id, name: "public", kind: "generic", url: "https://8.8.8.8/hook", urlRedacted: "https://8.8.8.8/hook" })
      .returning();
    const res = await call(updateRoute, { method: "PATCH", params: { projectId: ctx.project.id, webhookId: row.id }, token: ctx.admin.token, body: { url: internal()[0] } });
    expect(res.status).toBe(422);
  });

  it("creates nothing when refusing", async () => {
    const rows = await db().execute(dsql`select url from outbound_webhooks where project_id = ${ctx.project.id} and url <> 'https://8.8.8.8/hook'`);
    expect(rows).toHaveLength(0);
  });
});

describe("SSRF protection at send time", () => {
  it("refuses every internal destination on the connection attempt, recording blocked_address", async () => {
    // Rows written directly, as if saved before a DNS change or by an older version.
    const ids: string[] = [];
    for (const url of internal()) {
      const [row] = await db()
        .insert(outboundWebhooks)
        .values({ id: newId("wh"), projectId: ctx.project.id, name: url, kind: "generic", url, urlRedacted: url, events: ["case.created"] })
        .returning();
      ids.push(row.id);
    }
    await emitCaseCreated(ctx.project, 1);
    await drainOutbox({ untilIdle: true, timeBoxMs: 10_000, dispatcher: strict });
    const attempts = await db().execute<{ webhook: string; error_class: string; error_message: string }>(dsql`
      select d.outbound_webhook_id as webhook, a.error_class, a.error_message
      from delivery_attempts a join deliveries d on d.id = a.delivery_id
      where d.outbound_webhook_id in ${ids}`);
    expect(attempts).toHaveLength(internal().length);
    for (const a of attempts) expect(a, a.error_message).toMatchObject({ error_class: "blocked_address" });
    expect(attempts.find((a) => a.webhook === ids[5])?.error_message).toMatch(/localhost.*loopback/);
    expect(receiver.received).toHaveLength(0);
  });
});

// The inbound card's health: receipts through the real receipt route, read back through the API.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/v1/projects/[projectId]/webhooks/inbound/health/route";
import { POST as receipt } from "@/app/api/webhooks/[token]/route";
import { db } from "@/db/client";
import { deliveries } from "@/db/schema";
import { call, makeProject } from "../helpers/factories";
import { githubExample, trackerHeaders, withInboundWebhook } from "../helpers/inbound";

async function setUp() {
  const p = await makeProject("Inbound health");
  const hook = await withInboundWebhook(p.admin.id, p.project.id, "github");
  const send = (secret: string | undefined) => {
    const body = JSON.stringify(githubExample("edited"));
    return call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("github", body, { secret }) });
  };
  const health = async () => (await call(healthRoute.GET, { params: { projectId: p.project.id }, token: p.admin.token })).json.health;
  return { ...p, hook, send, health };
}

describe("inbound health", () => {
  it("counts the last 24 h by outcome and names the last rejection; five refusals in a row raise the notice", async () => {
    const { hook, send, health } = await setUp();
    expect(await health()).toMatchObject({ last_received_at: null, last_accepted_at: null, last_24h: {}, last_rejection: null, notice: null });

    expect((await send(hook.secret)).status).toBe(202);
    for (let i = 0; i < 4; i++) expect((await send("whsec_the-old-secret")).status).toBe(401);
    const four = await health();
    expect(four.last_24h).toEqual({ imported: 1, rejected: 4 });
    expect(four.last_rejection).toMatchObject({ status: 401, message: expect.stringMatching(/GitHub is probably still signing with an old secret/) });
    expect(four.last_accepted_at).not.toBeNull();
    expect(four.notice).toBeNull();

    await send("whsec_the-old-secret");
    const five = await health();
    expect(five.notice).toMatchObject({ kind: "rejected", message: expect.stringMatching(/last 5 deliveries from GitHub were all refused/) });
  });

  it("notices a tracker gone silent for a day after earlier traffic", async () => {
    const { project, hook, send, health } = await setUp();
    await send(hook.secret);
    await db().update(deliveries).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(deliveries.projectId, project.id));
    const h = await health();
    expect(h.last_24h).toEqual({});
    expect(h.notice).toMatchObject({ kind: "silent", message: expect.stringMatching(/Nothing has been accepted from GitHub for over a day/) });
  });

  it("is 404 without an inbound webhook", async () => {
    const p = await makeProject();
    expect((await call(healthRoute.GET, { params: { projectId: p.project.id }, token: p.admin.token })).status).toBe(404);
  });
});

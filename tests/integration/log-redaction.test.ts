// A scenario that creates every kind of secret Switchyard holds (signing secrets, a rotated one, a
// Slack URL, custom header values, an inbound token and secret, an API token), makes deliveries that
// succeed and fail, and rejected receipts — while reading every log line it produces: none carries a
// secret, and every request line carries its request id (the same one sent back as x-request-id).
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logger, teeLogs } from "@/lib/logger";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { POST as rotateRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/rotate/route";
import { GET as listWebhooks } from "@/app/api/v1/projects/[projectId]/webhooks/route";
import { POST as receiptRoute } from "@/app/api/webhooks/[token]/route";
import { call, makeProject } from "../helpers/factories";
import { githubExample, trackerHeaders, withInboundWebhook } from "../helpers/inbound";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";
import { startReceiver } from "../helpers/webhook-receiver";

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const level = logger.level;

beforeAll(async () => {
  teeLogs(capture);
  logger.level = "trace"; // every line the code can write, not only those a default level lets through
  receiver = await startReceiver((_r, n) => ({ status: n % 3 === 0 ? 500 : 200 }));
});
afterAll(async () => {
  logger.level = level;
  await receiver.close();
});

describe("logs", () => {
  it("carry no secret the scenario created, and request lines carry their ids", async () => {
    const ctx = await makeProject("Logged");
    const secrets: string[] = [ctx.admin.token, ctx.member.token];
    const headerValue = "hdr-value-7f3a9c1e5b";
    const generic = await createWebhook(ctx.project, ctx.admin.token, {
      name: "Receiver",
      url: receiver.url("/hook?access_token=query-secret-91b2"),
      events: ["case.created"],
      headers: [{ name: "X-Api-Key", value: headerValue }],
    });
    secrets.push(generic.secret!, generic.secret!.slice("whsec_".length), headerValue, "query-secret-91b2");
    const slackUrl = "https://hooks.slack.com/services/T0LOGTEST/B0LOGTEST/slackpathsecret42";
    await createWebhook(ctx.project, ctx.admin.token, { name: "Slack", url: slackUrl, events: ["issue.deleted"] });
    secrets.push(slackUrl, "slackpathsecret42");

    const rotated = await call(rotateRoute, { method: "POST", params: { projectId: ctx.project.id, webhookId: generic.webhook.id }, token: ctx.admin.token });
    expect(rotated.status).toBe(200);
    secrets.push(rotated.json.secret);

    const inbound = await withInboundWebhook(ctx.admin.id, ctx.project.id, "github");
    secrets.push(inbound.token, inbound.secret!);
    const body = JSON.stringify(githubExample("opened"));
    const receipt = (headers: Record<string, string>) =>
      call(receiptRoute, { method: "POST", path: `/api/webhooks/${inbound.token}`, params: { token: inbound.token }, body, headers });
    expect((await receipt(trackerHeaders("github", body, { secret: "not-the-secret" }))).status).toBe(401);
    expect((await receipt(trackerHeaders("github", body, { secret: inbound.secret }))).status).toBeLessThan(300);

    await emitCaseCreated(ctx.project, 9);
    await drainOutbox({ untilIdle: true, timeBoxMs: 20_000 });
    expect(receiver.received.length).toBeGreaterThanOrEqual(9);
    // A request whose reply would carry secrets if logged; the log line has only its shape.
    const listed = await call(listWebhooks, { path: `/api/v1/projects/${ctx.project.id}/webhooks`, params: { projectId: ctx.project.id }, token: ctx.admin.token });
    expect(listed.status).toBe(200);

    const log = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const s of secrets) expect(log, `a log line carries ${s.slice(0, 6)}…`).not.toContain(s);

    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const r of requests) {
      expect(r).toMatchObject({ request_id: expect.stringMatching(/^req_/), method: expect.any(String), route: expect.stringMatching(/^\//), status: expect.any(Number), duration_ms: expect.any(Number) });
    }
    expect(requests.map((r) => r.route)).toContain("/api/webhooks/[token]");
    const listLine = requests.find((r) => r.route === "/api/v1/projects/[projectId]/webhooks");
    expect(listLine?.request_id).toBe(listed.headers.get("x-request-id"));
  });
});

// Limits on what one project may hold (DESIGN §7: MAX_WEBHOOKS_PER_PROJECT).
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";
process.env.MAX_WEBHOOKS_PER_PROJECT = "3"; // read once, when this file's first request parses the env

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { outboundWebhooks } from "@/db/schema";
import { POST as createRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/route";
import { DELETE as deleteRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/route";
import { POST as createIssue } from "@/app/api/v1/projects/[projectId]/issues/route";
import { call, makeProject } from "../helpers/factories";

let f: Awaited<ReturnType<typeof makeProject>>;
beforeAll(async () => {
  f = await makeProject("Limits");
});
afterAll(() => {
  delete process.env.MAX_WEBHOOKS_PER_PROJECT;
});
const p = () => ({ projectId: f.project.id });
const create = (name: string) => call(createRoute, { method: "POST", params: p(), token: f.admin.token, body: { name, url: "http://127.0.0.1:9/hook", events: ["case.created"] } });

describe("outbound webhooks per project", () => {
  it("stops at MAX_WEBHOOKS_PER_PROJECT with a 409 that says what to do, even when creates race", async () => {
    const results = await Promise.all(["a", "b", "c", "d", "e"].map(create));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.json.detail).toMatch(/already has 3 outbound webhooks.*Delete one/);
  });

  it("frees a place when one is deleted", async () => {
    expect((await create("f")).status).toBe(409);
    const [one] = await db().select({ id: outboundWebhooks.id }).from(outboundWebhooks).where(eq(outboundWebhooks.projectId, f.project.id)).limit(1);
    expect((await call(deleteRoute, { method: "DELETE", params: { ...p(), webhookId: one.id }, token: f.admin.token })).status).toBe(204);
    expect((await create("g")).status).toBe(201);
  });
});

describe("issue links", () => {
  it.each(["javascript:alert(document.cookie)", "data:text/html,<script>x</script>", "vbscript:msgbox(1)", "https://"])(
    "an external url %j is refused (422 on external.url)",
    async (url) => {
      const res = await call(createIssue, { method: "POST", params: p(), token: f.member.token, body: { title: "Linked", external: { provider: "jira", key: "X-1", url } } });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain("external.url");
    },
  );

  it("an https link is kept", async () => {
    const res = await call(createIssue, { method: "POST", params: p(), token: f.member.token, body: { title: "Linked", external: { provider: "jira", key: "X-2", url: "https://acme.atlassian.net/browse/X-2" } } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.issue.external.url).toBe("https://acme.atlassian.net/browse/X-2");
  });
});

import { Writable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as receipt } from "@/app/api/webhooks/[token]/route";
import { db } from "@/db/client";
import { receiveWebhook } from "@/lib/inbound/receipt";
import { teeLogs } from "@/lib/logger";
import { deliveries, events, issues, projectMembers, users } from "@/db/schema";
import type { InboundProvider } from "@/lib/inbound/providers";
import { call, makeProject } from "../helpers/factories";
import { setIntegration } from "@/lib/inbound/integrations";
import { ADO_CREDS, githubExample, INTEGRATIONS, trackerFixture, trackerHeaders, withInboundWebhook } from "../helpers/inbound";

type Ctx = Awaited<ReturnType<typeof makeProject>> & { hook: Awaited<ReturnType<typeof withInboundWebhook>> };

// Per provider: a body that creates issue K, a later body that updates it, and its key.
const scenarios: Record<
  InboundProvider,
  { create: () => any; update: () => any; deleted: () => any; foreign: () => any; foreignReason: string; key: string; stateAfterUpdate: string }
> = {
  github: {
    create: () => githubExample("opened"),
    update: () => {
      const b = githubExample("edited");
      b.issue.title = "Edited on GitHub";
      b.issue.updated_at = "2030-01-01T00:00:00Z";
      return b;
    },
    deleted: () => {
      const b = githubExample("deleted");
      b.issue.updated_at = "2030-01-02T00:00:00Z";
      return b;
    },
    // An organisation-level hook sends every repository's events.
    foreign: () => {
      const b = githubExample("opened");
      b.repository.full_name = "Codertocat/Another-Repo";
      return b;
    },
    foreignReason: "another repository (Codertocat/Another-Repo)",
    key: "Codertocat/Hello-World#1",
    stateAfterUpdate: "open",
  },
  jira: {
    create: () => trackerFixture("jira", "issue_created.json"),
    update: () => trackerFixture("jira", "issue_updated.in-progress.json"),
    deleted: () => trackerFixture("jira", "issue_deleted.json"),
    // A site-wide Jira webhook sends every project's events.
    foreign: () => {
      const b = trackerFixture("jira", "issue_created.json");
      b.issue.key = "OPS-17";
      b.issue.fields.project.key = "OPS";
      return b;
    },
    foreignReason: "another Jira project (OPS)",
    key: "QA-17",
    stateAfterUpdate: "in_progress",
  },
  azure_devops: {
    create: () => trackerFixture("ado", "workitem.created.json"),
    update: () => trackerFixture("ado", "workitem.updated.json"),
    deleted: () => trackerFixture("ado", "workitem.deleted.json"),
    // An organization-wide Service Hook sends every project's work items.
    foreign: () => {
      const b = trackerFixture("ado", "workitem.created.json");
      b.id = "1b2c3d4e-0000-4000-8000-00000000f001";
      b.resource.id = 312; // work item ids are unique across the organization's projects
      b.resource.fields["System.TeamProject"] = "Payments";
      return b;
    },
    foreignReason: "another Azure DevOps project (Payments)",
    key: "311",
    stateAfterUpdate: "in_progress",
  },
};

describe.each(["github", "jira", "azure_devops"] as const)("receipt from %s", (provider) => {
  let ctx: Ctx;
  const s = scenarios[provider];

  beforeEach(async () => {
    const p = await makeProject(`Inbound ${provider}`);
    ctx = { ...p, hook: await withInboundWebhook(p.admin.id, p.project.id, provider) };
  });

  const signed = (body: string, opts: { deliveryId?: string; event?: string } = {}) =>
    trackerHeaders(provider, body, { secret: ctx.hook.secret, creds: ADO_CREDS, ...opts });
  const post = (body: string, headers: Record<string, string>, token = ctx.hook.token) =>
    call(receipt, { method: "POST", params: { token }, body, headers });
  const linked = () =>
    db().select().from(issues).where(and(eq(issues.projectId, ctx.project.id), eq(issues.externalKey, s.key)));
  const inbound = () => db().select().from(deliveries).where(eq(deliveries.projectId, ctx.project.id));

  it("imports an unknown issue with the project's creator as creator, then applies updates", async () => {
    const body = JSON.stringify(s.create());
    const res = await post(body, signed(body));
    expect(res.status).toBe(202);
    expect(res.json.outcome).toBe("imported");
    const [issue] = await linked();
    expect(issue).toMatchObject({ externalProvider: provider, createdBy: ctx.admin.id, state: "open" });

    const update = JSON.stringify(s.update());
    const res2 = await post(update, signed(update));
    expect(res2.json.outcome).toBe("applied");
    const [after] = await linked();
    expect(after.state).toBe(s.stateAfterUpdate);
    const types = (await db().select().from(events).where(eq(events.projectId, ctx.project.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["issue.created", "issue.updated"]));
  });

  it("deletes a known issue when the tracker deletes it", async () => {
    const body = JSON.stringify(s.create());
    await post(body, signed(body));
    const del = JSON.stringify(s.deleted());
    const res = await post(del, signed(del));
    expect(res.json.outcome).toBe("applied");
    expect(await linked()).toHaveLength(0);
  });

  it("rejects a wrong or missing signature with 401 and changes nothing", async () => {
    const body = JSON.stringify(s.create());
    const wrong =
      provider === "azure_devops"
        ? trackerHeaders(provider, body, { creds: { ...ADO_CREDS, password: "not-the-password" } })
        : trackerHeaders(provider, body, { secret: "whsec_wrong" });
    expect((await post(body, wrong)).status).toBe(401);
    expect((await post(body, trackerHeaders(provider, body))).status).toBe(401);
    // Signed over other bytes: verification is on the raw body, not on re-serialized JSON.
    const tampered = body.replace(/"$/, "") + " ";
    expect((await post(tampered, signed(body))).status).toBe(provider === "azure_devops" ? 202 : 401);
    if (provider !== "azure_devops") expect(await linked()).toHaveLength(0);
    const rows = await inbound();
    expect(rows.filter((r) => r.outcome === "rejected").every((r) => r.lastStatusCode === 401)).toBe(true);
  });

  it("answers 404 with one body for unknown tokens", async () => {
    const body = JSON.stringify(s.create());
    const res = await post(body, signed(body), "not-a-real-token");
    expect(res.status).toBe(404);
    expect(res.json.detail).toBe("No webhook is registered at this URL.");
  });

  it("refuses bodies over 5 MiB with 413, by Content-Length and by bytes read", async () => {
    const huge = JSON.stringify({ pad: "x".repeat(5 * 1024 * 1024) });
    const byBytes = await post(huge, signed(huge));
    expect(byBytes.status).toBe(413);
    const small = JSON.stringify(s.create());
    const byHeader = await post(small, { ...signed(small), "content-length": String(6 * 1024 * 1024) });
    expect(byHeader.status).toBe(413);
    expect(await linked()).toHaveLength(0);
  });

  it("answers 400 for malformed, deeply nested and schema-violating payloads", async () => {
    for (const body of ["{not json", "[".repeat(50_000) + "]".repeat(50_000), JSON.stringify({ ...s.create(), issue: 7, resource: 7 })]) {
      const res = await post(body, signed(body));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("treats the same delivery twice as a 200 duplicate with one change", async () => {
    const body = JSON.stringify(s.create());
    const headers = signed(body, { deliveryId: "same-delivery" });
    const [a, b] = await Promise.all([post(body, headers), post(body, headers)]);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    expect([a.json.outcome, b.json.outcome].sort()).toEqual(["duplicate", "imported"]);
    // The same bytes under a new delivery id are a duplicate too (payload digest).
    const again = await post(body, signed(body, { deliveryId: "another-delivery" }));
    expect(again.json.outcome).toBe("duplicate");
    expect(await linked()).toHaveLength(1);
    const created = await db().select().from(events).where(and(eq(events.projectId, ctx.project.id), eq(events.type, "issue.created")));
    expect(created).toHaveLength(1);
  });

  it("does not roll an issue back when an older event arrives late", async () => {
    const body = JSON.stringify(s.create());
    await post(body, signed(body));
    const update = JSON.stringify(s.update());
    await post(update, signed(update));
    const stale = s.create();
    // Same issue, older version, different bytes.
    if (provider === "github") stale.issue.title = "Old title";
    if (provider === "jira") stale.timestamp += 1;
    if (provider === "azure_devops") stale.id = "older-delivery";
    const staleBody = JSON.stringify(stale);
    const res = await post(staleBody, signed(staleBody));
    expect(res.json).toMatchObject({ outcome: "ignored" });
    expect(res.json.reason).toMatch(/stale/);
    const [issue] = await linked();
    expect(issue.state).toBe(s.stateAfterUpdate);
  });

  it("answers an event from outside the integration's scope with 200 ignored and changes nothing", async () => {
    const body = JSON.stringify(s.foreign());
    const res = await post(body, signed(body));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: "ignored", reason: s.foreignReason });
    expect(await db().select().from(issues).where(eq(issues.projectId, ctx.project.id))).toHaveLength(0);
    expect(await db().select().from(events).where(eq(events.projectId, ctx.project.id))).toHaveLength(0);
    const [row] = await inbound();
    expect(row).toMatchObject({ outcome: "ignored", outcomeReason: s.foreignReason, lastStatusCode: 200 });
  });

  it("judges scope by the integration as it is now, not as it was when the token was first used", async () => {
    const first = JSON.stringify(s.create());
    expect((await post(first, signed(first))).json.outcome).toBe("imported");
    // Same tracker, another repository / project: the webhook (and its cached token) stays.
    const moved = { ...INTEGRATIONS[provider], ...{ github: { repository: "Codertocat/Another-Repo" }, jira: { project_key: "OPS" }, azure_devops: { project: "Payments" } }[provider] };
    await setIntegration({ userId: ctx.admin.id }, ctx.project.id, moved as typeof INTEGRATIONS[typeof provider]);
    const update = JSON.stringify(s.update());
    expect((await post(update, signed(update))).json).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/^another /) });
    const foreign = JSON.stringify(s.foreign());
    expect((await post(foreign, signed(foreign))).json.outcome).toBe("imported");
  });

  it("records every receipt as an inbound delivery with its digest, never the body", async () => {
    const body = JSON.stringify(s.create());
    await post(body, signed(body));
    await post(body, trackerHeaders(provider, body));
    const rows = await inbound();
    expect(rows.map((r) => [r.outcome, r.lastStatusCode]).sort()).toEqual([["imported", 202], ["rejected", 401]]);
    for (const r of rows) {
      expect(r.direction).toBe("inbound");
      expect(r.requestDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain(s.key === "311" ? "Cart total ignores coupon" : "Safari");
    }
  });
});

describe("receipt of events that are not issue events", () => {
  it("answers a GitHub ping with 200 ignored", async () => {
    const { project, admin } = await makeProject();
    const hook = await withInboundWebhook(admin.id, project.id, "github");
    const body = JSON.stringify({ zen: "Design for failure.", hook_id: 1, hook: { type: "Repository" } });
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("github", body, { secret: hook.secret, event: "ping" }) });
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe("ignored");
  });

  it("answers a Jira comment event with 200 ignored", async () => {
    const { project, admin } = await makeProject();
    const hook = await withInboundWebhook(admin.id, project.id, "jira");
    const body = JSON.stringify(trackerFixture("jira", "comment_created.json"));
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("jira", body, { secret: hook.secret }) });
    expect(res.json.outcome).toBe("ignored");
  });

  it("accepts Jira's signature in X-Hub-Signature-256 as well", async () => {
    const { project, admin } = await makeProject();
    const hook = await withInboundWebhook(admin.id, project.id, "jira");
    const body = JSON.stringify(trackerFixture("jira", "issue_created.json"));
    const { "x-hub-signature": sig, ...rest } = trackerHeaders("jira", body, { secret: hook.secret });
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: { ...rest, "x-hub-signature-256": sig } });
    expect(res.json.outcome).toBe("imported");
  });
});

describe("importing an unknown issue", () => {
  it("records the project's first admin as creator when the project's creator account is gone", async () => {
    const { project, admin, member } = await makeProject();
    const hook = await withInboundWebhook(admin.id, project.id, "github");
    await db().update(projectMembers).set({ role: "admin" }).where(eq(projectMembers.userId, member.id));
    await db().delete(users).where(eq(users.id, admin.id));
    const body = JSON.stringify(githubExample("opened"));
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body, headers: trackerHeaders("github", body, { secret: hook.secret }) });
    expect(res.json.outcome).toBe("imported");
    const [issue] = await db().select().from(issues).where(eq(issues.projectId, project.id));
    expect(issue.createdBy).toBe(member.id);
  });
});

describe("a receipt that fails midway", () => {
  it("answers 503 (which trackers retry, never 410) and logs without the URL token", async () => {
    const { project, admin } = await makeProject();
    const hook = await withInboundWebhook(admin.id, project.id, "github");
    const logged: string[] = [];
    teeLogs(new Writable({ write: (chunk, _enc, done) => void (logged.push(String(chunk)), done()) }));
    // The tracker's connection drops while the body is being read.
    const body = new ReadableStream({ pull: (c) => c.error(new Error("aborted")) });
    const req = new Request("http://localhost/api/webhooks/x", { method: "POST", body, duplex: "half" } as RequestInit);
    const res = await receiveWebhook(hook.token, req);
    expect(res).toMatchObject({ status: 503, outcome: null });
    expect(logged.join("\n")).toContain("aborted");
    expect(logged.join("\n")).not.toContain(hook.token);
  });
});

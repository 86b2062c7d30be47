// Walks every /api/v1 route handler as anonymous, as an outsider (member of another project),
// as a member and as an admin, and checks the one access rule: 401 / 404 / 403 / 2xx.
// To cover a new route, append a row to ROUTES (other issues' routes live here too).
// Webhook receivers in this file are http://127.0.0.1 addresses that are never dialled.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";
// Each webhook route's call gets a fresh webhook in the one matrix project: lift the per-project limit.
process.env.MAX_WEBHOOKS_PER_PROJECT = "10000";

import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, deliveries, outboundWebhooks, projectMembers } from "@/db/schema";
import type { ProjectActor } from "@/lib/auth/access";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createCase } from "@/lib/domain/cases";
import { createIssue } from "@/lib/domain/issues";
import { createRun } from "@/lib/domain/run-lifecycle";
import { SESSION } from "@/lib/domain/sessions";
import { TEST_RUN } from "@/lib/domain/test-runs";
import { createInboundWebhook, deleteInboundWebhook } from "@/lib/inbound/inbound-webhooks";
import { setIntegration, setIntegrationCredential } from "@/lib/inbound/integrations";
import { rotateSecret } from "@/lib/outbound/secrets";
import { sendTestDelivery } from "@/lib/outbound/send-test";
import { createOutboundWebhook } from "@/lib/outbound/webhooks";
import * as projectsRoute from "@/app/api/v1/projects/route";
import * as projectRoute from "@/app/api/v1/projects/[projectId]/route";
import * as membersRoute from "@/app/api/v1/projects/[projectId]/members/route";
import * as memberRoute from "@/app/api/v1/projects/[projectId]/members/[userId]/route";
import * as casesRoute from "@/app/api/v1/projects/[projectId]/cases/route";
import * as caseRoute from "@/app/api/v1/projects/[projectId]/cases/[caseId]/route";
import * as issuesRoute from "@/app/api/v1/projects/[projectId]/issues/route";
import * as issueRoute from "@/app/api/v1/projects/[projectId]/issues/[issueId]/route";
import * as testRunsRoute from "@/app/api/v1/projects/[projectId]/test-runs/route";
import * as testRunRoute from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/route";
import * as testRunResults from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/results/route";
import * as testRunState from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/state/route";
import * as testRunComplete from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/complete/route";
import * as testRunDuplicate from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/duplicate/route";
import * as sessionsRoute from "@/app/api/v1/projects/[projectId]/sessions/route";
import * as sessionRoute from "@/app/api/v1/projects/[projectId]/sessions/[runId]/route";
import * as sessionResults from "@/app/api/v1/projects/[projectId]/sessions/[runId]/results/route";
import * as sessionState from "@/app/api/v1/projects/[projectId]/sessions/[runId]/state/route";
import * as sessionComplete from "@/app/api/v1/projects/[projectId]/sessions/[runId]/complete/route";
import * as sessionDuplicate from "@/app/api/v1/projects/[projectId]/sessions/[runId]/duplicate/route";
import * as tokensRoute from "@/app/api/v1/me/tokens/route";
import * as tokenRoute from "@/app/api/v1/me/tokens/[tokenId]/route";
import * as notificationsRoute from "@/app/api/v1/me/notifications/route";
import * as webhooksRoute from "@/app/api/v1/projects/[projectId]/webhooks/route";
import * as outboundRoute from "@/app/api/v1/projects/[projectId]/webhooks/outbound/route";
import * as outboundOne from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/route";
import * as outboundEvent from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/events/[type]/route";
import * as outboundTest from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/test/route";
import * as outboundEnable from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/enable/route";
import * as outboundPause from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/pause/route";
import * as outboundResume from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/resume/route";
import * as outboundRotate from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/rotate/route";
import * as outboundRetire from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/retire/route";
import * as outboundExtend from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/extend/route";
import * as inboundRoute from "@/app/api/v1/projects/[projectId]/webhooks/inbound/route";
import * as inboundRotate from "@/app/api/v1/projects/[projectId]/webhooks/inbound/rotate/route";
import * as inboundTest from "@/app/api/v1/projects/[projectId]/webhooks/inbound/test/route";
import * as inboundHealth from "@/app/api/v1/projects/[projectId]/webhooks/inbound/health/route";
import * as integrationRoute from "@/app/api/v1/projects/[projectId]/integration/route";
import * as integrationCredential from "@/app/api/v1/projects/[projectId]/integration/credential/route";
import * as integrationSync from "@/app/api/v1/projects/[projectId]/integration/sync/route";
import * as deliveriesRoute from "@/app/api/v1/projects/[projectId]/deliveries/route";
import * as deliveryRoute from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/route";
import * as deliveryReplay from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/replay/route";
import * as deliveriesReplay from "@/app/api/v1/projects/[projectId]/deliveries/replay/route";
import * as deliveryRetry from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/retry/route";
import * as deliveryCancel from "@/app/api/v1/projects/[projectId]/deliveries/[deliveryId]/cancel/route";
import * as outboundRecover from "@/app/api/v1/projects/[projectId]/webhooks/outbound/[webhookId]/recover/route";
import { createProject } from "@/lib/domain/projects";
import * as invitationsRoute from "@/app/api/v1/projects/[projectId]/invitations/route";
import * as invitationRoute from "@/app/api/v1/projects/[projectId]/invitations/[invitationId]/route";
import * as auditRoute from "@/app/api/v1/projects/[projectId]/audit/route";
import { addOrInvite } from "@/lib/domain/invitations";
import { call, makeProject, makeUser, sessionCookie } from "../helpers/factories";
import { FAKE_CREDENTIALS, FakeTracker, GITHUB_REPO } from "../helpers/fake-tracker";

type Fixture = Awaited<ReturnType<typeof makeProject>>;
type Caller = { id: string; email: string; name: string; token: string };
type Handler = (req: any, ctx: { params: Promise<any> }) => Promise<Response>;
type Needs = "user" | "member" | "admin";

type RouteCase = {
  name: string;
  handler: Handler;
  method: string;
  /** Path params for one call; may create a fresh resource when the call consumes it (delete, complete…). */
  params?: (f: Fixture, caller: Caller) => Promise<Record<string, string>> | Record<string, string>;
  body?: unknown;
  needs: Needs;
  /** Only a signed-in browser may call it (an API token → 403): callers send their session cookie. */
  session?: true;
};

let f: Fixture;
let extra: { caseId: string; issueId: string; runId: string; sessionId: string; colleagueId: string };

const project = () => ({ projectId: f.project.id });
const freshRun = async (kind: typeof TEST_RUN) => ({ ...project(), runId: (await createRun(kind, f.admin.id, f.project.id, { name: "Matrix" })).id });

const adminActor = (): ProjectActor => ({ userId: f.admin.id, email: f.admin.email, name: f.admin.name, projectId: f.project.id, role: "admin" });
const freshWebhook = async () => (await createOutboundWebhook(adminActor(), f.project.id, HOOK)).webhook.id;
const hook = async (prepare?: (webhookId: string) => Promise<unknown>) => {
  const webhookId = await freshWebhook();
  await prepare?.(webhookId);
  return { ...project(), webhookId };
};
const freshDelivery = async () => ({ ...project(), deliveryId: (await sendTestDelivery(adminActor(), f.project.id, await freshWebhook())).id });
/** A delivery whose attempt failed and that waits for its retry (what Retry now and Cancel act on). */
const failedDelivery = async () => {
  const params = await freshDelivery();
  await db().update(deliveries).set({ status: "failed", attempts: 1 }).where(eq(deliveries.id, params.deliveryId));
  return params;
};
/** The project with a GitHub integration and, when `withWebhook`, exactly one inbound webhook (or none). */
async function inbound(withWebhook: boolean) {
  await setIntegration({ userId: f.admin.id }, f.project.id, GITHUB);
  await deleteInboundWebhook({ userId: f.admin.id } as ProjectActor, f.project.id).catch(() => undefined);
  if (withWebhook) await createInboundWebhook({ userId: f.admin.id } as ProjectActor, f.project.id, {});
  return project();
}
const HOOK = { name: "Matrix hook", url: "http://127.0.0.1:9/hook", events: ["case.created" as const], headers: [] };
const GITHUB = { provider: "github" as const, repository: "octo-org/web" };

const ROUTES: RouteCase[] = [
  { name: "GET /projects", handler: projectsRoute.GET, method: "GET", needs: "user" },
  { name: "POST /projects", handler: projectsRoute.POST, method: "POST", body: { name: "Mine" }, needs: "user" },
  { name: "GET /me/tokens", handler: tokensRoute.GET, method: "GET", needs: "user" },
  { name: "POST /me/tokens", handler: tokensRoute.POST, method: "POST", body: { name: "CI" }, needs: "user", session: true },
  {
    name: "DELETE /me/tokens/{t}",
    handler: tokenRoute.DELETE,
    method: "DELETE",
    params: async (_f, caller) => ({ tokenId: (await createApiToken(caller.id, { name: "to revoke" })).apiToken.id }),
    needs: "user",
  },
  { name: "GET /me/notifications", handler: notificationsRoute.GET, method: "GET", needs: "user" },
  { name: "POST /me/notifications", handler: notificationsRoute.POST, method: "POST", body: { all: true }, needs: "user" },
  { name: "GET /projects/{p}", handler: projectRoute.GET, method: "GET", params: project, needs: "member" },
  { name: "PATCH /projects/{p}", handler: projectRoute.PATCH, method: "PATCH", params: project, body: { name: "Renamed" }, needs: "admin" },
  { name: "GET /projects/{p}/members", handler: membersRoute.GET, method: "GET", params: project, needs: "member" },
  {
    name: "POST /projects/{p}/members",
    handler: membersRoute.POST,
    method: "POST",
    params: project,
    body: undefined, // set per call below: a fresh user each time
    needs: "admin",
  },
  {
    name: "PATCH /projects/{p}/members/{u}",
    handler: memberRoute.PATCH,
    method: "PATCH",
    params: () => ({ ...project(), userId: extra.colleagueId }),
    body: { role: "member" },
    needs: "admin",
  },
  {
    name: "DELETE /projects/{p}/members/{u}",
    handler: memberRoute.DELETE,
    method: "DELETE",
    params: async () => {
      const user = await makeUser("leaver");
      await db().insert(projectMembers).values({ projectId: f.project.id, userId: user.id, role: "member" });
      return { ...project(), userId: user.id };
    },
    needs: "admin",
  },
  { name: "GET /projects/{p}/invitations", handler: invitationsRoute.GET, method: "GET", params: project, needs: "admin" },
  // Inviting the same email again replaces the open invitation, so one body serves every call.
  { name: "POST /projects/{p}/invitations", handler: invitationsRoute.POST, method: "POST", params: project, body: { email: "invitee@example.test", role: "member" }, needs: "admin" },
  {
    name: "DELETE /projects/{p}/invitations/{i}",
    handler: invitationRoute.DELETE,
    method: "DELETE",
    params: async () => {
      const res = await addOrInvite(adminActor(), f.project.id, { email: `revokee-${Math.random().toString(36).slice(2)}@example.test`, role: "member" });
      return { ...project(), invitationId: res.outcome === "invited" ? res.invitation.id : "" };
    },
    needs: "admin",
  },
  { name: "GET /projects/{p}/audit", handler: auditRoute.GET, method: "GET", params: project, needs: "admin" },
  { name: "GET /projects/{p}/cases", handler: casesRoute.GET, method: "GET", params: project, needs: "member" },
  { name: "POST /projects/{p}/cases", handler: casesRoute.POST, method: "POST", params: project, body: { title: "Case" }, needs: "member" },
  { name: "GET /projects/{p}/cases/{c}", handler: caseRoute.GET, method: "GET", params: () => ({ ...project(), caseId: extra.caseId }), needs: "member" },
  {
    name: "PATCH /projects/{p}/cases/{c}",
    handler: caseRoute.PATCH,
    method: "PATCH",
    params: () => ({ ...project(), caseId: extra.caseId }),
    body: { priority: "low" },
    needs: "member",
  },
  {
    name: "DELETE /projects/{p}/cases/{c}",
    handler: caseRoute.DELETE,
    method: "DELETE",
    params: async () => ({ ...project(), caseId: (await createCase(f.admin.id, f.project.id, { title: "Gone", description: "", priority: "low" })).id }),
    needs: "member",
  },
  { name: "GET /projects/{p}/issues", handler: issuesRoute.GET, method: "GET", params: project, needs: "member" },
  { name: "POST /projects/{p}/issues", handler: issuesRoute.POST, method: "POST", params: project, body: { title: "Bug" }, needs: "member" },
  { name: "GET /projects/{p}/issues/{i}", handler: issueRoute.GET, method: "GET", params: () => ({ ...project(), issueId: extra.issueId }), needs: "member" },
  {
    name: "PATCH /projects/{p}/issues/{i}",
    handler: issueRoute.PATCH,
    method: "PATCH",
    params: () => ({ ...project(), issueId: extra.issueId }),
    body: { state: "in_progress" },
    needs: "member",
  },
  {
    name: "DELETE /projects/{p}/issues/{i}",
    handler: issueRoute.DELETE,
    method: "DELETE",
    params: async () => ({ ...project(), issueId: (await createIssue(f.admin.id, f.project.id, { title: "Gone" })).id }),
    needs: "member",
  },
  ...runRoutes("test-runs", TEST_RUN, { list: testRunsRoute, one: testRunRoute, results: testRunResults, state: testRunState, complete: testRunComplete, duplicate: testRunDuplicate }, () => extra.runId),
  ...runRoutes("sessions", SESSION, { list: sessionsRoute, one: sessionRoute, results: sessionResults, state: sessionState, complete: sessionComplete, duplicate: sessionDuplicate }, () => extra.sessionId),
  ...webhookRoutes(),
];

// ── Webhooks, integration and deliveries (admin-only except reading the integration) ──

function webhookRoutes(): RouteCase[] {
  const w = "/projects/{p}/webhooks";
  return [
    { name: `GET ${w}`, handler: webhooksRoute.GET, method: "GET", params: project, needs: "admin" },
    { name: `POST ${w}/outbound`, handler: outboundRoute.POST, method: "POST", params: project, body: HOOK, needs: "admin" },
    { name: `PATCH ${w}/outbound/{w}`, handler: outboundOne.PATCH, method: "PATCH", params: () => hook(), body: { name: "Renamed hook" }, needs: "admin" },
    { name: `DELETE ${w}/outbound/{w}`, handler: outboundOne.DELETE, method: "DELETE", params: () => hook(), needs: "admin" },
    { name: `PUT ${w}/outbound/{w}/events/{type}`, handler: outboundEvent.PUT, method: "PUT", params: async () => ({ ...(await hook()), type: "issue.updated" }), needs: "admin" },
    { name: `DELETE ${w}/outbound/{w}/events/{type}`, handler: outboundEvent.DELETE, method: "DELETE", params: async () => ({ ...(await hook()), type: "issue.updated" }), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/test`, handler: outboundTest.POST, method: "POST", params: () => hook(), needs: "admin" },
    {
      name: `POST ${w}/outbound/{w}/enable`,
      handler: outboundEnable.POST,
      method: "POST",
      // Only the drain disables a webhook, after real failures; set its outcome directly.
      params: () => hook((id) => db().update(outboundWebhooks).set({ health: "disabled", consecutiveFailures: 10 }).where(eq(outboundWebhooks.id, id))),
      needs: "admin",
    },
    { name: `POST ${w}/outbound/{w}/pause`, handler: outboundPause.POST, method: "POST", params: () => hook(), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/resume`, handler: outboundResume.POST, method: "POST", params: () => hook(), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/rotate`, handler: outboundRotate.POST, method: "POST", params: () => hook(), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/retire`, handler: outboundRetire.POST, method: "POST", params: () => hook((id) => rotateSecret(adminActor(), f.project.id, id)), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/extend`, handler: outboundExtend.POST, method: "POST", params: () => hook((id) => rotateSecret(adminActor(), f.project.id, id)), needs: "admin" },
    { name: `POST ${w}/inbound`, handler: inboundRoute.POST, method: "POST", params: () => inbound(false), body: {}, needs: "admin" },
    { name: `POST ${w}/inbound/rotate`, handler: inboundRotate.POST, method: "POST", params: () => inbound(true), needs: "admin" },
    { name: `POST ${w}/inbound/test`, handler: inboundTest.POST, method: "POST", params: () => inbound(true), needs: "admin" },
    { name: `DELETE ${w}/inbound`, handler: inboundRoute.DELETE, method: "DELETE", params: () => inbound(true), needs: "admin" },
    { name: "GET /projects/{p}/integration", handler: integrationRoute.GET, method: "GET", params: () => inbound(false), needs: "member" },
    { name: "PUT /projects/{p}/integration", handler: integrationRoute.PUT, method: "PUT", params: project, body: GITHUB, needs: "admin" },
    { name: "DELETE /projects/{p}/integration", handler: integrationRoute.DELETE, method: "DELETE", params: () => inbound(false), needs: "admin" },
    ...trackerRoutes(),
    { name: `GET ${w}/inbound/health`, handler: inboundHealth.GET, method: "GET", params: () => inbound(true), needs: "admin" },
    { name: "GET /projects/{p}/deliveries", handler: deliveriesRoute.GET, method: "GET", params: project, needs: "admin" },
    { name: "GET /projects/{p}/deliveries/{d}", handler: deliveryRoute.GET, method: "GET", params: freshDelivery, needs: "admin" },
    { name: "POST /projects/{p}/deliveries/{d}/replay", handler: deliveryReplay.POST, method: "POST", params: freshDelivery, needs: "admin" },
    { name: "POST /projects/{p}/deliveries/replay", handler: deliveriesReplay.POST, method: "POST", params: project, body: undefined, needs: "admin" },
    { name: "POST /projects/{p}/deliveries/{d}/retry", handler: deliveryRetry.POST, method: "POST", params: failedDelivery, needs: "admin" },
    { name: "POST /projects/{p}/deliveries/{d}/cancel", handler: deliveryCancel.POST, method: "POST", params: failedDelivery, needs: "admin" },
    { name: `GET ${w}/outbound/{w}/recover`, handler: outboundRecover.GET, method: "GET", params: () => hook(), needs: "admin" },
    { name: `POST ${w}/outbound/{w}/recover`, handler: outboundRecover.POST, method: "POST", params: () => hook(), body: { since: new Date(Date.now() - 3_600_000).toISOString() }, needs: "admin" },
  ];
}

// Tracker API credential and sync: the fake tracker answers as GitHub on 127.0.0.1 (never a real one).
function trackerRoutes(): RouteCase[] {
  const github = async () => {
    await setIntegration({ userId: f.admin.id }, f.project.id, { provider: "github", repository: GITHUB_REPO, api_url: fakeTracker.url });
    return project();
  };
  const connected = async () => {
    await github();
    await setIntegrationCredential({ userId: f.admin.id }, f.project.id, FAKE_CREDENTIALS.github);
    return project();
  };
  return [
    { name: "PUT /projects/{p}/integration/credential", handler: integrationCredential.PUT, method: "PUT", params: github, body: FAKE_CREDENTIALS.github, needs: "admin" },
    { name: "DELETE /projects/{p}/integration/credential", handler: integrationCredential.DELETE, method: "DELETE", params: connected, needs: "admin" },
    { name: "GET /projects/{p}/integration/sync", handler: integrationSync.GET, method: "GET", params: project, needs: "admin" },
    { name: "POST /projects/{p}/integration/sync", handler: integrationSync.POST, method: "POST", params: connected, needs: "admin" },
  ];
}

function runRoutes(path: string, kind: typeof TEST_RUN, m: Record<"list" | "one" | "results" | "state" | "complete" | "duplicate", any>, existing: () => string): RouteCase[] {
  const one = () => ({ ...project(), runId: existing() });
  return [
    { name: `GET /projects/{p}/${path}`, handler: m.list.GET, method: "GET", params: project, needs: "member" },
    { name: `POST /projects/{p}/${path}`, handler: m.list.POST, method: "POST", params: project, body: { name: "Run" }, needs: "member" },
    { name: `GET /projects/{p}/${path}/{r}`, handler: m.one.GET, method: "GET", params: one, needs: "member" },
    { name: `POST /projects/{p}/${path}/{r}/results`, handler: m.results.POST, method: "POST", params: one, body: { status: "passed" }, needs: "member" },
    { name: `POST /projects/{p}/${path}/{r}/state`, handler: m.state.POST, method: "POST", params: () => freshRun(kind), body: { state: "in_progress" }, needs: "member" },
    { name: `POST /projects/{p}/${path}/{r}/complete`, handler: m.complete.POST, method: "POST", params: () => freshRun(kind), needs: "member" },
    { name: `POST /projects/{p}/${path}/{r}/duplicate`, handler: m.duplicate.POST, method: "POST", params: one, needs: "member" },
  ];
}

let fakeTracker: FakeTracker;
afterAll(() => fakeTracker.stop());

beforeAll(async () => {
  fakeTracker = await new FakeTracker().start();
  f = await makeProject("Matrix project");
  const colleague = await makeUser("colleague");
  await db().insert(projectMembers).values({ projectId: f.project.id, userId: colleague.id, role: "member" });
  extra = {
    caseId: (await createCase(f.admin.id, f.project.id, { title: "Kept", description: "", priority: "medium" })).id,
    issueId: (await createIssue(f.admin.id, f.project.id, { title: "Kept" })).id,
    runId: (await createRun(TEST_RUN, f.admin.id, f.project.id, { name: "Kept" })).id,
    sessionId: (await createRun(SESSION, f.admin.id, f.project.id, { name: "Kept" })).id,
    colleagueId: colleague.id,
  };
});

async function bodyFor(route: RouteCase) {
  if (route.name === "POST /projects/{p}/members") return { email: (await makeUser("newcomer")).email, role: "member" };
  if (route.name === "POST /projects/{p}/deliveries/replay") return { ids: [(await freshDelivery()).deliveryId] };
  return route.body;
}

/** How `caller` authenticates to `route`: its API token, or for session-only routes its cookie from this app's page. */
async function credentials(route: RouteCase, caller: Caller | undefined, token = caller?.token) {
  if (!caller) return {};
  if (!route.session) return { token };
  return { cookie: await sessionCookie(caller), headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" } };
}

async function callAs(route: RouteCase, caller: Caller | undefined, token?: string) {
  const who = caller ?? f.admin; // anonymous calls still need valid params to prove auth comes first
  const params = (await route.params?.(f, who)) ?? {};
  return call(route.handler, { method: route.method, params, ...(await credentials(route, caller, token)), body: await bodyFor(route) });
}

function expectOk(res: { status: number; text: string }) {
  expect(res.status, res.text).toBeGreaterThanOrEqual(200);
  expect(res.status, res.text).toBeLessThan(300);
}

describe.each(ROUTES)("$name (needs $needs)", (route) => {
  it("anonymous → 401", async () => {
    const res = await callAs(route, undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it(route.needs === "user" ? "any signed-in user → 2xx" : "a member of another project → 404", async () => {
    const res = await callAs(route, f.outsider);
    if (route.needs === "user") expectOk(res);
    else expect(res.status, res.text).toBe(404);
  });

  it(route.needs === "admin" ? "a member → 403" : "a member → 2xx", async () => {
    const res = await callAs(route, f.member);
    if (route.needs === "admin") expect(res.status, res.text).toBe(403);
    else expectOk(res);
  });

  it("an admin → 2xx", async () => {
    expectOk(await callAs(route, f.admin));
  });
});

describe("coverage", () => {
  it("every handler exported under app/api/v1 has a row in the matrix", async () => {
    const root = path.resolve("app/api/v1");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    const missing: string[] = [];
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (mod[method] && !ROUTES.some((r) => r.handler === mod[method])) missing.push(`${method} ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("credentials", () => {
  it("an unknown or malformed bearer token is 401, not 404", async () => {
    for (const token of ["sy_not-a-real-token", "garbage"]) {
      const res = await call(projectRoute.GET, { params: project(), token });
      expect(res.status).toBe(401);
    }
  });

  it("a token's last use is recorded to the minute: a burst of requests writes it once", async () => {
    const { token, apiToken } = await createApiToken(f.member.id, { name: "busy" });
    const lastUsed = async () => (await db().select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, apiToken.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await Promise.all(Array.from({ length: 5 }, () => call(projectRoute.GET, { params: project(), token })));
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await call(projectRoute.GET, { params: project(), token });
    expect(await lastUsed()).toEqual(first);
    // A minute later the next request records the use again.
    await db().update(apiTokens).set({ lastUsedAt: new Date(first!.getTime() - 61_000) }).where(eq(apiTokens.id, apiToken.id));
    await call(projectRoute.GET, { params: project(), token });
    expect((await lastUsed())!.getTime()).toBeGreaterThan(first!.getTime() - 61_000);
  });

  it("a revoked token stops working at once", async () => {
    const { token, apiToken } = await createApiToken(f.member.id, { name: "short-lived" });
    expect((await call(projectRoute.GET, { params: project(), token })).status).toBe(200);
    await call(tokenRoute.DELETE, { method: "DELETE", params: { tokenId: apiToken.id }, token });
    expect((await call(projectRoute.GET, { params: project(), token })).status).toBe(401);
  });
});

describe("token scope", () => {
  const reads = ROUTES.filter((r) => r.method === "GET");
  const writes = ROUTES.filter((r) => r.method !== "GET" && !r.session);
  const outsideProjects = ROUTES.filter((r) => r.needs === "user" && !r.session);
  const inProject = ROUTES.filter((r) => r.needs !== "user");
  let readOnly: string;
  let scopedHere: string;
  let scopedElsewhere: string;
  beforeAll(async () => {
    const elsewhere = await createProject(f.admin.id, "Admin's other project");
    readOnly = (await createApiToken(f.admin.id, { name: "read-only", access: "read_only" })).token;
    scopedHere = (await createApiToken(f.admin.id, { name: "this project", project_id: f.project.id })).token;
    scopedElsewhere = (await createApiToken(f.admin.id, { name: "other project", project_id: elsewhere.id })).token;
  });

  it.each(reads)("a read-only token reads: $name → 2xx", async (route) => {
    expectOk(await callAs(route, f.admin, readOnly));
  });

  it.each(writes)("a read-only token cannot write: $name → 403", async (route) => {
    const res = await callAs(route, f.admin, readOnly);
    expect(res.status, res.text).toBe(403);
    expect(res.json.detail).toMatch(/read-only/);
  });

  it.each(inProject)("a token scoped to this project works here: $name → 2xx", async (route) => {
    expectOk(await callAs(route, f.admin, scopedHere));
  });

  it.each(inProject)("a token scoped to another project is refused here: $name → 403", async (route) => {
    const res = await callAs(route, f.admin, scopedElsewhere);
    expect(res.status, res.text).toBe(403);
    expect(res.json.detail).toMatch(/another project/);
  });

  it.each(outsideProjects)("a project-scoped token cannot use routes outside its project: $name → 403", async (route) => {
    expect((await callAs(route, f.admin, scopedHere)).status).toBe(403);
  });

  it("an API token cannot create another token (403), even a read-write one for all projects", async () => {
    const res = await call(tokensRoute.POST, { method: "POST", token: f.admin.token, body: { name: "minted by a token" } });
    expect(res.status, res.text).toBe(403);
    expect(res.json.detail).toMatch(/signed-in browser/);
    const listed = await call(tokensRoute.GET, { token: f.admin.token });
    expect(listed.json.api_tokens.map((t: { name: string }) => t.name)).not.toContain("minted by a token");
  });

  it("an expired token is 401", async () => {
    const { token, apiToken } = await createApiToken(f.member.id, { name: "expiring", expires_in_days: 30 });
    expect((await call(projectRoute.GET, { params: project(), token })).status).toBe(200);
    await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, apiToken.id));
    expect((await call(projectRoute.GET, { params: project(), token })).status).toBe(401);
  });

  it("a browser session creates a token with the chosen expiry and scope, listed with them", async () => {
    const route = ROUTES.find((r) => r.name === "POST /me/tokens")!;
    const body = { name: "nightly export", expires_in_days: 365, access: "read_only", project_id: f.project.id };
    const res = await call(tokensRoute.POST, { method: "POST", ...(await credentials(route, f.member)), body });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const days = (Date.parse(res.json.api_token.expires_at) - Date.parse(res.json.api_token.created_at)) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    expect(res.json.api_token).toMatchObject({ access: "read_only", project: { id: f.project.id, name: expect.any(String) } });
    const never = await call(tokensRoute.POST, { method: "POST", ...(await credentials(route, f.member)), body: { name: "forever", expires_in_days: null } });
    expect(never.json.api_token.expires_at).toBeNull();
    const standard = await call(tokensRoute.POST, { method: "POST", ...(await credentials(route, f.member)), body: { name: "default" } });
    expect(Math.round((Date.parse(standard.json.api_token.expires_at) - Date.now()) / 86_400_000)).toBe(90);
    expect(standard.json.api_token).toMatchObject({ access: "read_write", project: null });
  });
});

describe("validation", () => {
  const writes = ROUTES.filter((r) => r.body !== undefined || r.name === "POST /projects/{p}/members" || r.name === "POST /projects/{p}/deliveries/replay");

  it.each(writes)("$name: malformed JSON → 400 problem+json", async (route) => {
    const params = (await route.params?.(f, f.admin)) ?? {};
    const res = await call(route.handler, { method: route.method, params, ...(await credentials(route, f.admin)), body: "{not json" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.detail).toMatch(/not valid JSON/);
  });

  it.each([
    { name: "a project without a name", route: "POST /projects", body: { name: "  " }, field: "name" },
    { name: "a member with a made-up role", route: "POST /projects/{p}/members", body: { email: "x@example.test", role: "owner" }, field: "role" },
    { name: "a member with no email", route: "POST /projects/{p}/members", body: { role: "member" }, field: "email" },
    { name: "a case with a bad priority", route: "POST /projects/{p}/cases", body: { title: "T", priority: "urgent" }, field: "priority" },
    { name: "an empty case update", route: "PATCH /projects/{p}/cases/{c}", body: {}, field: "(body)" },
    { name: "an issue with a bad external provider", route: "POST /projects/{p}/issues", body: { title: "T", external: { provider: "trello", key: "1" } }, field: "external.provider" },
    { name: "a run with a non-hex commit", route: "POST /projects/{p}/test-runs", body: { name: "R", git: { commit_sha: "main" } }, field: "git.commit_sha" },
    { name: "a result with an unknown status", route: "POST /projects/{p}/test-runs/{r}/results", body: { status: "green" }, field: "status" },
    { name: "completing through the state route", route: "POST /projects/{p}/sessions/{r}/state", body: { state: "completed" }, field: "state" },
    { name: "a token without a name", route: "POST /me/tokens", body: {}, field: "name" },
    { name: "a token with a made-up lifetime", route: "POST /me/tokens", body: { name: "CI", expires_in_days: 7 }, field: "expires_in_days" },
    { name: "a token for a project its user is not in", route: "POST /me/tokens", body: { name: "CI", project_id: "prj_someone_elses" }, field: "project_id" },
    { name: "an issue linking to javascript:", route: "POST /projects/{p}/issues", body: { title: "T", external: { provider: "jira", key: "X-1", url: "javascript:alert(1)" } }, field: "external.url" },
  ])("$name → 422 naming $field", async ({ route: name, body, field }) => {
    const route = ROUTES.find((r) => r.name === name)!;
    const params = (await route.params?.(f, f.admin)) ?? {};
    const res = await call(route.handler, { method: route.method, params, ...(await credentials(route, f.admin)), body });
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("adding someone without an account is 422 on email; adding a member twice is 409", async () => {
    const route = ROUTES.find((r) => r.name === "POST /projects/{p}/members")!;
    const nobody = await call(route.handler, { method: "POST", params: project(), token: f.admin.token, body: { email: "nobody@example.test", role: "member" } });
    expect(nobody.status).toBe(422);
    expect(nobody.json.errors[0].path).toBe("email");
    const twice = await call(route.handler, { method: "POST", params: project(), token: f.admin.token, body: { email: f.member.email, role: "admin" } });
    expect(twice.status).toBe(409);
  });

  it("the last admin can be neither demoted nor removed (409), and an unknown id is 404", async () => {
    const demote = await call(memberRoute.PATCH, { method: "PATCH", params: { ...project(), userId: f.admin.id }, token: f.admin.token, body: { role: "member" } });
    expect(demote.status).toBe(409);
    expect(demote.json.detail).toMatch(/last admin/);
    const remove = await call(memberRoute.DELETE, { method: "DELETE", params: { ...project(), userId: f.admin.id }, token: f.admin.token });
    expect(remove.status).toBe(409);
    const unknown = await call(caseRoute.GET, { params: { ...project(), caseId: "case_nope" }, token: f.admin.token });
    expect(unknown.status).toBe(404);
  });
});

// Reconciliation against a fake tracker on 127.0.0.1 (tests/helpers/fake-tracker.ts) for GitHub, Jira
// Cloud, Jira Data Center and Azure DevOps: credentials tested and sealed, missed webhooks healed, no rollback past a newer
// webhook, paging, rate limits, errors, deletions, and no credential in any response, row or log line.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { Writable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as credentialRoute from "@/app/api/v1/projects/[projectId]/integration/credential/route";
import * as integrationRoute from "@/app/api/v1/projects/[projectId]/integration/route";
import * as syncRoute from "@/app/api/v1/projects/[projectId]/integration/sync/route";
import { POST as receipt } from "@/app/api/webhooks/[token]/route";
import { db } from "@/db/client";
import { events, integrationSyncRuns, issueIntegrations, issues } from "@/db/schema";
import { createInboundWebhook } from "@/lib/inbound/inbound-webhooks";
import { setIntegration, type IntegrationInput } from "@/lib/inbound/integrations";
import type { InboundProvider } from "@/lib/inbound/providers";
import { syncIntegration } from "@/lib/inbound/reconcile";
import { SYNC_LIMITS } from "@/lib/inbound/reconcile-plan";
import { runScheduledSyncs } from "@/lib/inbound/sync-loop";
import { listSyncRuns, SYNC_RUNS_KEPT } from "@/lib/inbound/sync-runs";
import { logger, teeLogs } from "@/lib/logger";
import { call, makeProject } from "../helpers/factories";
import { ADO_ORG, ADO_PROJECT, FAKE_CREDENTIALS, FakeTracker, GITHUB_REPO, JIRA_PROJECT } from "../helpers/fake-tracker";
import { githubExample, trackerHeaders } from "../helpers/inbound";

let tracker: FakeTracker;
const logLines: string[] = [];

beforeAll(async () => {
  tracker = await new FakeTracker().start();
  // Every line the logger writes (any child logger) also reaches this tap, at every level.
  logger.level = "trace";
  teeLogs(new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) }));
});
afterAll(() => tracker.stop());

/** A tracker as the tests set it up: Jira twice, Cloud (v3, email + API token) and Data Center (v2, a PAT). */
type SetupName = InboundProvider | "jira_data_center";
type Setup = { provider: InboundProvider; tracker: "github" | "jira" | "ado"; integration: () => IntegrationInput; credential: { token: string; email?: string }; localKey: (k: string) => string; keys: string[] };

const JIRA: Setup = {
  provider: "jira",
  tracker: "jira",
  integration: () => ({ provider: "jira", site_url: tracker.url, project_key: JIRA_PROJECT }),
  credential: FAKE_CREDENTIALS.jira,
  localKey: (k) => k,
  keys: ["QA-1", "QA-2", "QA-3"],
};

const SETUPS: Record<SetupName, Setup> = {
  github: {
    provider: "github",
    tracker: "github",
    integration: () => ({ provider: "github", repository: GITHUB_REPO, api_url: tracker.url }),
    credential: FAKE_CREDENTIALS.github,
    localKey: (k) => `${GITHUB_REPO}#${k}`,
    keys: ["1", "2", "3"],
  },
  jira: JIRA,
  // The same site and project, with a personal access token instead of email + API token.
  jira_data_center: { ...JIRA, credential: FAKE_CREDENTIALS.jira_data_center },
  azure_devops: {
    provider: "azure_devops",
    tracker: "ado",
    integration: () => ({ provider: "azure_devops", organization: ADO_ORG, project: ADO_PROJECT, api_url: `${tracker.url}/${ADO_ORG}` }),
    credential: FAKE_CREDENTIALS.azure_devops,
    localKey: (k) => k,
    keys: ["101", "102", "103"],
  },
};

async function connected(name: SetupName) {
  const p = await makeProject(`Sync ${name}`);
  const s = SETUPS[name];
  await setIntegration({ userId: p.admin.id }, p.project.id, s.integration());
  const res = await call(credentialRoute.PUT, { method: "PUT", params: { projectId: p.project.id }, token: p.admin.token, body: s.credential });
  expect(res.status, res.text).toBe(200);
  return { ...p, s };
}

const localIssue = async (projectId: string, key: string) =>
  (await db().select().from(issues).where(and(eq(issues.projectId, projectId), eq(issues.externalKey, key))))[0];

/** The run's record once it is no longer running, read through the history as the page reads it. */
async function finishedRun(projectId: string, runId: string) {
  return vi.waitFor(
    async () => {
      const run = (await listSyncRuns(projectId)).find((r) => r.id === runId);
      if (!run || run.status === "running") throw new Error(`run ${runId} is still running`);
      return run;
    },
    { timeout: 20_000, interval: 50 },
  );
}

beforeEach(() => {
  for (const map of [tracker.github, tracker.jira, tracker.ado]) map.clear();
  tracker.quota = null;
  tracker.failures = [];
  tracker.linkBase = null;
});

describe.each(["github", "jira", "jira_data_center", "azure_devops"] as const)("%s", (name) => {
  const s = SETUPS[name];
  const provider = s.provider;

  it("tests the credential on save, says who it is, and never shows it again", async () => {
    const p = await makeProject("Credential");
    await setIntegration({ userId: p.admin.id }, p.project.id, s.integration());
    const wrong = await call(credentialRoute.PUT, { method: "PUT", params: { projectId: p.project.id }, token: p.admin.token, body: { ...s.credential, token: "not-the-right-token" } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0].path).toBe("token");
    expect(wrong.json.detail).toMatch(/refused the credential \(401\)/);
    const [before] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, p.project.id));
    expect(before.credentialCiphertext).toBeNull();

    const ok = await call(credentialRoute.PUT, { method: "PUT", params: { projectId: p.project.id }, token: p.admin.token, body: s.credential });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.json.integration.credential).toEqual({ account: provider === "github" ? "sync-bot" : "Sync Bot", set_at: expect.any(String) });
    const read = await call(integrationRoute.GET, { params: { projectId: p.project.id }, token: p.member.token });
    expect(read.json.integration.credential.account).toBeTruthy();
    for (const text of [ok.text, read.text]) expect(text).not.toContain(s.credential.token);
    const [row] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, p.project.id));
    expect(row.credentialCiphertext).toMatch(/^v1\./);
    expect(row.credentialCiphertext).not.toContain(s.credential.token);
  });

  it("imports, then heals a missed webhook on the next sync, emitting issue events", async () => {
    const { project, admin } = await connected(name);
    for (const k of s.keys) tracker.change(s.tracker, k, { title: `First ${k}` });
    // Sync now answers at once with the running record; the run finishes in the background.
    const first = await call(syncRoute.POST, { method: "POST", params: { projectId: project.id }, token: admin.token });
    expect(first.status, first.text).toBe(202);
    expect(first.json.run).toMatchObject({ status: "running", finished_at: null });
    const finished = await finishedRun(project.id, first.json.run.id);
    expect(finished).toMatchObject({ status: "succeeded", fetched: 3, imported: 3, updated: 0, errors: 0 });

    // A change whose webhook never arrived.
    tracker.change(s.tracker, s.keys[1], { title: "Changed while the webhook was down", state: "closed", labels: ["regression"] });
    const second = await syncIntegration(project.id, "manual", admin.id);
    expect(second).toMatchObject({ status: "succeeded", updated: 1, imported: 0 });
    const healed = await localIssue(project.id, s.localKey(s.keys[1]));
    expect(healed).toMatchObject({ title: "Changed while the webhook was down", state: "closed", labels: ["regression"] });
    const types = (await db().select({ type: events.type }).from(events).where(eq(events.projectId, project.id))).map((e) => e.type);
    expect(types.filter((t) => t === "issue.created")).toHaveLength(3);
    expect(types.filter((t) => t === "issue.updated")).toHaveLength(1);

    // Nothing changed upstream: a third run re-reads its window's edge and writes nothing.
    expect(await syncIntegration(project.id, "manual", admin.id)).toMatchObject({ status: "succeeded", updated: 0, imported: 0 });
  });

  it("pages through results", async () => {
    const { project, admin } = await connected(name);
    for (let n = 0; n < 25; n++) tracker.change(s.tracker, s.keys[0].replace(/\d+$/, (d) => String(Number(d) + n)));
    tracker.requests.length = 0;
    const run = await syncIntegration(project.id, "manual", admin.id, { ...SYNC_LIMITS, pageSize: 10 });
    expect(run).toMatchObject({ status: "succeeded", fetched: 25, imported: 25 });
    const pageCalls = tracker.requests.filter((r) => /\/issues\?|search\/jql|api\/2\/search|workitemsbatch/.test(r.path));
    expect(pageCalls.length).toBeGreaterThanOrEqual(3);
  });

  it("deletes a linked issue that is gone upstream", async () => {
    const { project, admin } = await connected(name);
    for (const k of s.keys) tracker.change(s.tracker, k);
    await syncIntegration(project.id, "manual", admin.id);
    tracker[s.tracker].delete(s.keys[0]);
    const run = await syncIntegration(project.id, "manual", admin.id);
    expect(run).toMatchObject({ status: "succeeded", deleted: 1 });
    expect(await localIssue(project.id, s.localKey(s.keys[0]))).toBeUndefined();
    expect(await localIssue(project.id, s.localKey(s.keys[1]))).toBeDefined();
    const types = (await db().select({ type: events.type }).from(events).where(eq(events.projectId, project.id))).map((e) => e.type);
    expect(types).toContain("issue.deleted");
  });

  it("stops at a rate limit, records until when, and the next run continues", async () => {
    const { project, admin } = await connected(name);
    for (let n = 0; n < 30; n++) tracker.change(s.tracker, s.keys[0].replace(/\d+$/, (d) => String(Number(d) + n)));
    tracker.quota = provider === "azure_devops" ? 2 : 1; // ADO: the WIQL call and one batch
    tracker.rateLimitReset = new Date(Date.now() + 30 * 60_000);
    const limited = await syncIntegration(project.id, "manual", admin.id, { ...SYNC_LIMITS, pageSize: 10 });
    expect(limited.status).toBe("rate_limited");
    expect(limited.imported).toBe(10);
    expect(new Date(limited.rate_limited_until!).getTime()).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(limited.last_error).toMatch(/^Rate limited until/);

    tracker.quota = null;
    const next = await syncIntegration(project.id, "manual", admin.id, { ...SYNC_LIMITS, pageSize: 10 });
    expect(next).toMatchObject({ status: "succeeded", imported: 20 });
  });

  it("records a tracker error as a failed run in plain words", async () => {
    const { project, admin } = await connected(name);
    tracker.failures = [500];
    const run = await syncIntegration(project.id, "manual", admin.id);
    expect(run).toMatchObject({ status: "failed", last_error: expect.stringMatching(/answered 500/) });
    const history = await call(syncRoute.GET, { params: { projectId: project.id }, token: admin.token });
    expect(history.json.runs[0]).toMatchObject({ id: run.id, status: "failed" });
  });
});

describe("the staleness guard", () => {
  it("a sync that reads an older version than a webhook applied does not roll the issue back", async () => {
    const { project, admin } = await connected("github");
    // Created directly: withInboundWebhook would reset the integration to api.github.com.
    const created = await createInboundWebhook({ userId: admin.id }, project.id, {});
    const hook = { token: created.url.split("/api/webhooks/")[1], secret: "secret" in created ? created.secret : undefined };
    // The tracker's API still serves 10:00 (a lagging replica); the webhook already brought 12:00.
    tracker.change("github", "1", { title: "Old title from the API", updatedAt: new Date("2030-01-01T10:00:00Z") });
    const body = githubExample("edited");
    body.issue.number = 1;
    body.issue.title = "New title from the webhook";
    body.issue.updated_at = "2030-01-01T12:00:00Z";
    const text = JSON.stringify(body);
    const res = await call(receipt, { method: "POST", params: { token: hook.token }, body: text, headers: trackerHeaders("github", text, { secret: hook.secret }) });
    expect(res.status, res.text).toBe(202);

    const run = await syncIntegration(project.id, "manual", admin.id);
    expect(run).toMatchObject({ status: "succeeded", fetched: 1, updated: 0 });
    expect((await localIssue(project.id, `${GITHUB_REPO}#1`)).title).toBe("New title from the webhook");
  });
});

describe("GitHub specifics", () => {
  it("leaves pull requests out and follows only same-origin Link pages", async () => {
    const { project, admin } = await connected("github");
    tracker.change("github", "1");
    tracker.change("github", "2", { pullRequest: true });
    const run = await syncIntegration(project.id, "manual", admin.id);
    expect(run).toMatchObject({ fetched: 1, imported: 1 });
    expect(await localIssue(project.id, `${GITHUB_REPO}#2`)).toBeUndefined();

    for (let n = 3; n < 20; n++) tracker.change("github", String(n));
    tracker.linkBase = "http://127.0.0.2:9";
    try {
      tracker.requests.length = 0;
      const cut = await syncIntegration(project.id, "manual", admin.id, { ...SYNC_LIMITS, pageSize: 10 });
      expect(cut.status).toBe("succeeded");
      expect(cut.fetched).toBeLessThan(10); // one page (less its pull request), not the 17 changed issues
      expect(tracker.requests.filter((r) => r.path.includes("page=2"))).toEqual([]);
    } finally {
      tracker.linkBase = null;
    }
  });
});

describe("Jira Data Center", () => {
  it("speaks REST API v2 with the personal access token as Bearer, paging by startAt", async () => {
    const { project, admin } = await connected("jira_data_center");
    const connectCalls = tracker.requests.filter((r) => r.path.startsWith("/rest/api/")).slice(-2);
    expect(connectCalls.map((r) => r.path)).toEqual(["/rest/api/2/myself", `/rest/api/2/project/${JIRA_PROJECT}`]);
    for (let n = 1; n <= 25; n++) tracker.change("jira", `QA-${n}`);
    tracker.requests.length = 0;
    const run = await syncIntegration(project.id, "manual", admin.id, { ...SYNC_LIMITS, pageSize: 10 });
    expect(run).toMatchObject({ status: "succeeded", fetched: 25, imported: 25 });
    expect(tracker.requests.every((r) => r.path.startsWith("/rest/api/2/") && r.authorization === `Bearer ${FAKE_CREDENTIALS.jira_data_center.token}`)).toBe(true);
    const searches = tracker.requests.filter((r) => r.path === "/rest/api/2/search").map((r) => r.body as { startAt: number; maxResults: number; jql: string });
    expect(searches.map((b) => b.startAt)).toEqual([0, 10, 20]);
    expect(searches.every((b) => b.maxResults === 10 && b.jql.startsWith(`project = "${JIRA_PROJECT}"`))).toBe(true);
  });

  it("a Cloud credential on the same site still speaks v3", async () => {
    const { project, admin } = await connected("jira");
    tracker.change("jira", "QA-1");
    tracker.requests.length = 0;
    await syncIntegration(project.id, "manual", admin.id);
    expect(tracker.requests.length).toBeGreaterThan(0);
    expect(tracker.requests.every((r) => r.path.startsWith("/rest/api/3/"))).toBe(true);
  });
});

describe("runs", () => {
  it("one at a time per project: Sync now or a scheduled pass during a run is refused, the history shows it running", async () => {
    const { project, admin } = await connected("jira");
    tracker.change("jira", "QA-1");
    const release = tracker.hold();
    try {
      const started = await call(syncRoute.POST, { method: "POST", params: { projectId: project.id }, token: admin.token });
      expect(started.status, started.text).toBe(202);
      const again = await call(syncRoute.POST, { method: "POST", params: { projectId: project.id }, token: admin.token });
      expect(again.status).toBe(409);
      expect(again.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(again.json.detail).toMatch(/already running/);
      await expect(syncIntegration(project.id, "scheduled", null)).rejects.toThrow(/already running/);
      const history = await call(syncRoute.GET, { params: { projectId: project.id }, token: admin.token });
      expect(history.json.runs.map((r: { status: string }) => r.status)).toEqual(["running"]);
      release();
      expect(await finishedRun(project.id, started.json.run.id)).toMatchObject({ status: "succeeded", imported: 1 });
    } finally {
      release();
    }
  });

  it("a record left running by a process that died is marked interrupted, and a new run may start", async () => {
    const { project, admin } = await connected("jira");
    // Nobody holds the project's run lock: the process that opened this record is gone.
    await db().insert(integrationSyncRuns).values({ id: "syr_orphan", projectId: project.id, trigger: "manual", startedBy: admin.id });
    const history = await call(syncRoute.GET, { params: { projectId: project.id }, token: admin.token });
    expect(history.json.runs[0]).toMatchObject({ id: "syr_orphan", status: "abandoned", finished_at: expect.any(String), last_error: expect.stringMatching(/stopped without finishing/) });

    await db().insert(integrationSyncRuns).values({ id: "syr_orphan2", projectId: project.id, trigger: "scheduled" });
    const run = await syncIntegration(project.id, "manual", admin.id);
    expect(run.status).toBe("succeeded");
    const [orphan] = await db().select().from(integrationSyncRuns).where(eq(integrationSyncRuns.id, "syr_orphan2"));
    expect(orphan.status).toBe("abandoned");
  });

  it("keeps the newest SYNC_RUNS_KEPT runs of a project", async () => {
    const { project, admin } = await connected("github");
    const old = Array.from({ length: SYNC_RUNS_KEPT + 5 }, (_, i) => ({
      id: `syr_old${i}`, projectId: project.id, trigger: "scheduled" as const, status: "succeeded" as const,
      startedAt: new Date(Date.now() - (i + 1) * 3600_000), finishedAt: new Date(),
    }));
    await db().insert(integrationSyncRuns).values(old);
    const run = await syncIntegration(project.id, "manual", admin.id);
    const kept = await db().select({ id: integrationSyncRuns.id }).from(integrationSyncRuns).where(eq(integrationSyncRuns.projectId, project.id));
    expect(kept).toHaveLength(SYNC_RUNS_KEPT);
    expect(kept.map((r) => r.id)).toContain(run.id);
    expect(kept.map((r) => r.id)).not.toContain(`syr_old${SYNC_RUNS_KEPT}`);
  });

  it("without a credential Sync now is 409 saying what to do", async () => {
    const p = await makeProject("No credential");
    await setIntegration({ userId: p.admin.id }, p.project.id, SETUPS.github.integration());
    const res = await call(syncRoute.POST, { method: "POST", params: { projectId: p.project.id }, token: p.admin.token });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/Add an API credential/);
  });

  it("the periodic pass syncs due projects once and skips them until the interval passes", async () => {
    const { project } = await connected("azure_devops");
    tracker.change("ado", "501");
    await runScheduledSyncs(60);
    const runs = await db().select().from(integrationSyncRuns).where(eq(integrationSyncRuns.projectId, project.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "scheduled", status: "succeeded", imported: 1 });
    await runScheduledSyncs(60);
    expect(await db().select().from(integrationSyncRuns).where(eq(integrationSyncRuns.projectId, project.id))).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("never appear in a log line, a run record or the sync history", async () => {
    const everything = [...logLines].join("\n");
    const runs = JSON.stringify(await db().select().from(integrationSyncRuns));
    for (const c of Object.values(FAKE_CREDENTIALS)) {
      const secrets = [c.token, Buffer.from(`:${c.token}`).toString("base64")];
      if ("email" in c) secrets.push(Buffer.from(`${c.email}:${c.token}`).toString("base64"));
      for (const secret of secrets) {
        expect(everything).not.toContain(secret);
        expect(runs).not.toContain(secret);
      }
    }
    // The suite above did log (sync summaries), so the tap saw the log.
    expect(everything).toContain("tracker sync finished");
  });
});

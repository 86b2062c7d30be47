// Every domain write made through the API appends exactly one correct event in its own transaction,
// and every event type of the catalog is produced here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { events, issues, testRuns } from "@/db/schema";
import { DOMAIN_EVENT_TYPES, eventSchemas, isEventType, type EventType } from "@/lib/events/catalog";
import { createIssueInTx, presentIssue } from "@/lib/domain/issues";
import { getProject } from "@/lib/domain/projects";
import * as casesRoute from "@/app/api/v1/projects/[projectId]/cases/route";
import * as caseRoute from "@/app/api/v1/projects/[projectId]/cases/[caseId]/route";
import * as issuesRoute from "@/app/api/v1/projects/[projectId]/issues/route";
import * as issueRoute from "@/app/api/v1/projects/[projectId]/issues/[issueId]/route";
import * as testRunsRoute from "@/app/api/v1/projects/[projectId]/test-runs/route";
import * as testRunResults from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/results/route";
import * as testRunState from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/state/route";
import * as testRunComplete from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/complete/route";
import * as testRunDuplicate from "@/app/api/v1/projects/[projectId]/test-runs/[runId]/duplicate/route";
import * as sessionsRoute from "@/app/api/v1/projects/[projectId]/sessions/route";
import * as sessionResults from "@/app/api/v1/projects/[projectId]/sessions/[runId]/results/route";
import * as sessionState from "@/app/api/v1/projects/[projectId]/sessions/[runId]/state/route";
import * as sessionComplete from "@/app/api/v1/projects/[projectId]/sessions/[runId]/complete/route";
import * as sessionDuplicate from "@/app/api/v1/projects/[projectId]/sessions/[runId]/duplicate/route";
import { call, makeProject } from "../helpers/factories";

type Ctx = Awaited<ReturnType<typeof makeProject>> & { ids: Record<string, string> };
let ctx: Ctx;
const produced = new Set<EventType>();

async function eventsOf(projectId: string) {
  return db().select().from(events).where(eq(events.projectId, projectId)).orderBy(asc(events.createdAt), asc(events.id));
}

/** Runs one write and returns the single event it appended, after checking it against the catalog. */
async function onlyEventOf(write: () => Promise<{ status: number; json: any }>, expectedType: EventType) {
  const before = await eventsOf(ctx.project.id);
  const res = await write();
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  const after = await eventsOf(ctx.project.id);
  const added = after.filter((e) => !before.some((b) => b.id === e.id));
  expect(added.map((e) => e.type)).toEqual([expectedType]);
  const [event] = added;
  const payload = JSON.parse(event.body) as { id: string; type: string; created_at: string; project: { id: string; name: string }; data: unknown };
  expect(payload).toMatchObject({ id: event.id, type: expectedType, project: { id: ctx.project.id, name: ctx.project.name } });
  expect(isEventType(payload.type)).toBe(true);
  expect(() => eventSchemas[expectedType].parse(payload.data)).not.toThrow();
  produced.add(expectedType);
  return { res, data: payload.data as any };
}

const p = () => ({ projectId: ctx.project.id });
const r = (runId: string) => ({ projectId: ctx.project.id, runId });
const as = () => ({ token: ctx.member.token });

beforeAll(async () => {
  ctx = { ...(await makeProject("Events project")), ids: {} };
});

describe("every domain write appends exactly one correct event", () => {
  it("case.created / updated / deleted carry the case", async () => {
    const created = await onlyEventOf(
      () => call(casesRoute.POST, { method: "POST", params: p(), ...as(), body: { title: "Log in", priority: "high" } }),
      "case.created",
    );
    ctx.ids.case = created.res.json.case.id;
    expect(created.data.case).toMatchObject({ id: ctx.ids.case, title: "Log in", priority: "high", url: expect.stringMatching(/^http.*\/cases\//) });

    const updated = await onlyEventOf(
      () => call(caseRoute.PATCH, { method: "PATCH", params: { ...p(), caseId: ctx.ids.case }, ...as(), body: { title: "Log in with SSO" } }),
      "case.updated",
    );
    // A PATCH changes only what it sends.
    expect(updated.data.case).toMatchObject({ title: "Log in with SSO", priority: "high" });

    const spare = await call(casesRoute.POST, { method: "POST", params: p(), ...as(), body: { title: "To delete" } });
    produced.add("case.created");
    const deleted = await onlyEventOf(
      () => call(caseRoute.DELETE, { method: "DELETE", params: { ...p(), caseId: spare.json.case.id }, ...as() }),
      "case.deleted",
    );
    expect(deleted.data.case.id).toBe(spare.json.case.id);
  });

  it("test_run.* cover create with git metadata, results, state, completion counts and duplication", async () => {
    const created = await onlyEventOf(
      () =>
        call(testRunsRoute.POST, {
          method: "POST",
          params: p(),
          ...as(),
          body: { name: "Nightly", git: { commit_sha: "0123abcd", branch: "main" } },
        }),
      "test_run.created",
    );
    const runId = created.res.json.test_run.id;
    expect(created.data.test_run).toMatchObject({ name: "Nightly", state: "new", git: { commit_sha: "0123abcd", branch: "main" } });

    const state = await onlyEventOf(
      () => call(testRunState.POST, { method: "POST", params: r(runId), ...as(), body: { state: "in_progress" } }),
      "test_run.state_changed",
    );
    expect(state.data).toMatchObject({ test_run: { state: "in_progress" }, previous_state: "new" });

    const result = await onlyEventOf(
      () =>
        call(testRunResults.POST, {
          method: "POST",
          params: r(runId),
          ...as(),
          body: { status: "failed", case_id: ctx.ids.case, comment: "500 on submit" },
        }),
      "test_run.result_added",
    );
    expect(result.data.result).toMatchObject({ status: "failed", case_id: ctx.ids.case, comment: "500 on submit" });
    await call(testRunResults.POST, { method: "POST", params: r(runId), ...as(), body: { status: "passed" } });

    const completed = await onlyEventOf(() => call(testRunComplete.POST, { method: "POST", params: r(runId), ...as() }), "test_run.completed");
    expect(completed.data.results).toEqual({ total: 2, passed: 1, failed: 1, blocked: 0, skipped: 0, retest: 0 });
    expect(completed.data.test_run.completed_at).toEqual(expect.any(String));

    const duplicated = await onlyEventOf(
      () => call(testRunDuplicate.POST, { method: "POST", params: r(runId), ...as() }),
      "test_run.duplicated",
    );
    expect(duplicated.data).toMatchObject({ test_run: { name: "Nightly (copy)", state: "new" }, source_id: runId });
    ctx.ids.completedRun = runId;
  });

  it("session.* cover the same verbs, with the charter", async () => {
    const created = await onlyEventOf(
      () => call(sessionsRoute.POST, { method: "POST", params: p(), ...as(), body: { name: "Explore checkout", charter: "Coupons" } }),
      "session.created",
    );
    const id = created.res.json.session.id;
    expect(created.data.session).toMatchObject({ charter: "Coupons", git: null });
    await onlyEventOf(() => call(sessionState.POST, { method: "POST", params: r(id), ...as(), body: { state: "blocked" } }), "session.state_changed");
    await onlyEventOf(() => call(sessionResults.POST, { method: "POST", params: r(id), ...as(), body: { status: "retest" } }), "session.result_added");
    const completed = await onlyEventOf(() => call(sessionComplete.POST, { method: "POST", params: r(id), ...as() }), "session.completed");
    expect(completed.data.results).toMatchObject({ total: 1, retest: 1 });
    await onlyEventOf(() => call(sessionDuplicate.POST, { method: "POST", params: r(id), ...as() }), "session.duplicated");
  });

  it("issue.* carry the issue and its external link", async () => {
    const created = await onlyEventOf(
      () =>
        call(issuesRoute.POST, {
          method: "POST",
          params: p(),
          ...as(),
          body: { title: "Checkout fails", labels: ["bug"], external: { provider: "github", key: "octo/shop#12", url: "https://github.com/octo/shop/issues/12" } },
        }),
      "issue.created",
    );
    const issueId = created.res.json.issue.id;
    expect(created.data.issue).toMatchObject({ state: "open", labels: ["bug"], external: { provider: "github", key: "octo/shop#12" } });
    const updated = await onlyEventOf(
      () => call(issueRoute.PATCH, { method: "PATCH", params: { ...p(), issueId }, ...as(), body: { state: "closed", external: null } }),
      "issue.updated",
    );
    expect(updated.data.issue).toMatchObject({ state: "closed", external: null });
    // The payload is built before the write goes out: it must be exactly the row as stored.
    const [stored] = await db().select().from(issues).where(eq(issues.id, issueId));
    expect(updated.data).toEqual(eventSchemas["issue.updated"].parse({ issue: presentIssue(stored) }));
    await onlyEventOf(() => call(issueRoute.DELETE, { method: "DELETE", params: { ...p(), issueId }, ...as() }), "issue.deleted");
  });

  it("an issue write refused for a taken external link answers 409 and appends and changes nothing", async () => {
    const link = { provider: "github", key: "octo/shop#99", url: "https://github.com/octo/shop/issues/99" };
    expect((await call(issuesRoute.POST, { method: "POST", params: p(), ...as(), body: { title: "Linked", external: link } })).status).toBe(201);
    const other = await call(issuesRoute.POST, { method: "POST", params: p(), ...as(), body: { title: "Unlinked" } });
    const before = (await eventsOf(ctx.project.id)).length;
    const refused = [
      await call(issuesRoute.POST, { method: "POST", params: p(), ...as(), body: { title: "Twin", external: link } }),
      await call(issueRoute.PATCH, { method: "PATCH", params: { ...p(), issueId: other.json.issue.id }, ...as(), body: { title: "Renamed", external: link } }),
    ];
    expect(refused.map((x) => [x.status, x.headers.get("content-type")])).toEqual([
      [409, "application/problem+json"],
      [409, "application/problem+json"],
    ]);
    const [unchanged] = await db().select().from(issues).where(eq(issues.id, other.json.issue.id));
    expect([unchanged.title, unchanged.externalKey]).toEqual(["Unlinked", null]);
    expect((await eventsOf(ctx.project.id)).length).toBe(before);
  });

  it("refused writes append nothing", async () => {
    const before = (await eventsOf(ctx.project.id)).length;
    const run = ctx.ids.completedRun;
    const refused = [
      await call(testRunResults.POST, { method: "POST", params: r(run), ...as(), body: { status: "passed" } }),
      await call(testRunState.POST, { method: "POST", params: r(run), ...as(), body: { state: "in_progress" } }),
      await call(testRunComplete.POST, { method: "POST", params: r(run), ...as() }),
    ];
    expect(refused.map((x) => x.status)).toEqual([409, 409, 409]);
    expect(refused[0].headers.get("content-type")).toBe("application/problem+json");
    const invalid = await call(testRunsRoute.POST, { method: "POST", params: p(), ...as(), body: { name: "" } });
    expect(invalid.status).toBe(422);
    expect((await eventsOf(ctx.project.id)).length).toBe(before);
  });
});

describe("the write and its event commit together", () => {
  it("an issue created inside a transaction that then fails leaves neither the issue nor its event", async () => {
    const project = await getProject(ctx.project.id);
    const before = (await eventsOf(project.id)).length;
    let createdId = "";
    await expect(
      db().transaction(async (tx) => {
        createdId = (await createIssueInTx(tx, project, { title: "Doomed" })).id;
        throw new Error("the caller's next step failed");
      }),
    ).rejects.toThrow("the caller's next step failed");
    expect(createdId).not.toBe("");
    expect(await db().select().from(issues).where(eq(issues.id, createdId))).toEqual([]);
    expect((await eventsOf(project.id)).length).toBe(before);
  });

  describe("when the commit fails after the event was inserted", () => {
    // A deferred constraint trigger fires at COMMIT, after every insert of the write, and aborts it.
    beforeAll(async () => {
      await db().execute(sql.raw(`
        create or replace function fail_event_commit() returns trigger language plpgsql as $$
        begin raise exception 'commit refused for this test'; end $$;
        create constraint trigger fail_event_commit after insert on events deferrable initially deferred
          for each row when (new.project_id = '${ctx.project.id}' and new.type = 'test_run.completed')
          execute function fail_event_commit();`));
    });
    afterAll(async () => {
      await db().execute(sql.raw(`drop trigger if exists fail_event_commit on events; drop function if exists fail_event_commit();`));
    });

    it("completing a test run rolls back: the run stays open and no event remains", async () => {
      const created = await call(testRunsRoute.POST, { method: "POST", params: p(), ...as(), body: { name: "Rollback" } });
      const runId = created.json.test_run.id;
      const before = (await eventsOf(ctx.project.id)).length;
      const res = await call(testRunComplete.POST, { method: "POST", params: r(runId), ...as() });
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const [run] = await db().select().from(testRuns).where(eq(testRuns.id, runId));
      expect(run.state).toBe("new");
      expect((await eventsOf(ctx.project.id)).length).toBe(before);
    });
  });
});

describe("catalog coverage", () => {
  // Operational events (webhook.*, inbound.*) are produced by the hub's own transitions: tests/integration/operational-events.test.ts.
  it("every domain event type of the catalog was produced by a test above", () => {
    expect([...produced].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });
});

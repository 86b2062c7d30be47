// Keyset pages of the project lists: every row exactly once across pages, in order, even when rows
// share a created_at; malformed cursors and limits are 400 problem+json, never a 500.
import { describe, expect, it } from "vitest";
import { sqlClient } from "@/db/client";
import * as casesRoute from "@/app/api/v1/projects/[projectId]/cases/route";
import * as issuesRoute from "@/app/api/v1/projects/[projectId]/issues/route";
import * as sessionsRoute from "@/app/api/v1/projects/[projectId]/sessions/route";
import * as testRunsRoute from "@/app/api/v1/projects/[projectId]/test-runs/route";
import { createCase } from "@/lib/domain/cases";
import { createIssue } from "@/lib/domain/issues";
import { createRun } from "@/lib/domain/run-lifecycle";
import { SESSION } from "@/lib/domain/sessions";
import { TEST_RUN } from "@/lib/domain/test-runs";
import { encodeCursor, FIRST_PAGE } from "@/lib/http/cursor";
import { MAX_PAGE_SIZE } from "@/lib/http/keyset";
import { call, makeProject } from "../helpers/factories";

type Project = Awaited<ReturnType<typeof makeProject>>;

const lists = [
  { name: "issues", key: "issues", table: "issues", handler: issuesRoute.GET, make: (p: Project, n: number) => createIssue(p.admin.id, p.project.id, { title: `Issue ${n}` }) },
  { name: "cases", key: "cases", table: "cases", handler: casesRoute.GET, make: (p: Project, n: number) => createCase(p.admin.id, p.project.id, { title: `Case ${n}`, description: "", priority: "medium" }) },
  { name: "test-runs", key: "test_runs", table: "test_runs", handler: testRunsRoute.GET, make: (p: Project, n: number) => createRun(TEST_RUN, p.admin.id, p.project.id, { name: `Run ${n}` }) },
  { name: "sessions", key: "sessions", table: "sessions", handler: sessionsRoute.GET, make: (p: Project, n: number) => createRun(SESSION, p.admin.id, p.project.id, { name: `Session ${n}` }) },
] as const;

describe.each(lists)("GET /projects/{p}/$name", ({ name, key, table, handler, make }) => {
  const get = (p: Project, query = "", token = p.member.token) => call(handler, { path: `/api/v1/projects/${p.project.id}/${name}?${query}`, params: { projectId: p.project.id }, token });

  it("pages through every row once, newest first, including rows created in the same microsecond", async () => {
    const p = await makeProject();
    const made = [];
    for (let n = 0; n < 7; n++) made.push(await make(p, n));
    // Three rows share one instant: only the id orders them, and the cursor must carry the microseconds.
    await sqlClient()`update ${sqlClient()(table)} set created_at = '2026-11-30 10:00:00.123456+00' where id in ${sqlClient()(made.slice(2, 5).map((r) => r.id))}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(p, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.json[key].length).toBeLessThanOrEqual(2);
      seen.push(...res.json[key].map((r: { id: string }) => r.id));
      cursor = res.json.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    const expected = await sqlClient()<{ id: string }[]>`select id from ${sqlClient()(table)} where project_id = ${p.project.id} order by created_at desc, id desc`;
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(new Set(seen).size).toBe(7);
  });

  it("gives the first page of the default size and no next cursor when everything fits", async () => {
    const p = await makeProject();
    await make(p, 1);
    const res = await get(p);
    expect(res.json[key]).toHaveLength(1);
    expect(res.json.next_cursor).toBeNull();
    expect(FIRST_PAGE.limit).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it.each([
    ["a cursor that is not base64url", "cursor=%25%25%25"],
    ["a cursor of garbage JSON", `cursor=${Buffer.from("{not json").toString("base64url")}`],
    ["a cursor with an impossible time", `cursor=${encodeCursor({ at: "2026-13-01T00:00:00.000000Z", id: "iss_x" })}`],
    ["a cursor with a NUL", `cursor=${Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000000Z", "iss_\u0000"])).toString("base64url")}`],
  ])("answers %s with 400 problem+json", async (_what, query) => {
    const p = await makeProject();
    const res = await get(p, query);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it.each([
    ["a limit over the maximum", `limit=${MAX_PAGE_SIZE + 1}`],
    ["a limit that is not a number", "limit=ten"],
  ])("answers %s with 422 problem+json, as every keyset list does", async (_what, query) => {
    const p = await makeProject();
    const res = await get(p, query);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("checks access before the query: an outsider gets 404 whatever the cursor", async () => {
    const p = await makeProject();
    expect((await get(p, "cursor=garbage", p.outsider.token)).status).toBe(404);
  });
});

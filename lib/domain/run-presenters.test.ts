import { describe, expect, it } from "vitest";
import { eventSchemas } from "@/lib/events/catalog";
import { presentRun, type RunRow } from "./run-lifecycle";
import { SESSION } from "./sessions";
import { TEST_RUN } from "./test-runs";

const at = new Date("2026-05-15T10:20:30.000Z");
const row = (over: Partial<RunRow> = {}): RunRow => ({
  id: "run_1",
  projectId: "prj_1",
  name: "Nightly",
  state: "new",
  commitSha: null,
  branch: null,
  duplicatedFrom: null,
  completedAt: null,
  createdBy: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe("presentRun", () => {
  it.each([
    { name: "no git metadata → git: null", over: {}, git: null },
    { name: "a branch alone", over: { branch: "main" }, git: { commit_sha: null, branch: "main" } },
    { name: "commit and branch", over: { commitSha: "abc1234", branch: "main" }, git: { commit_sha: "abc1234", branch: "main" } },
  ])("$name", ({ over, git }) => {
    expect(presentRun(TEST_RUN, row(over)).git).toEqual(git);
  });

  it("gives test runs no charter and sessions their charter, both valid catalog objects", () => {
    const run = presentRun(TEST_RUN, row());
    const session = presentRun(SESSION, row({ id: "ses_1", charter: "Coupons" }));
    expect(run).not.toHaveProperty("charter");
    expect(session).toMatchObject({ charter: "Coupons", url: "http://localhost:3000/projects/prj_1/sessions/ses_1" });
    expect(() => eventSchemas["test_run.created"].parse({ test_run: run })).not.toThrow();
    expect(() => eventSchemas["session.created"].parse({ session })).not.toThrow();
  });

  it("shows completion time in ISO 8601", () => {
    expect(presentRun(TEST_RUN, row({ state: "completed", completedAt: at })).completed_at).toBe("2026-05-15T10:20:30.000Z");
  });
});

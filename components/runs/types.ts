// The API's run objects (test runs and sessions share them) and what differs between the two kinds.
export type RunState = "new" | "in_progress" | "blocked" | "completed";
export type ResultStatus = "passed" | "failed" | "blocked" | "skipped" | "retest";
export type ResultCounts = { total: number } & Record<ResultStatus, number>;

export type ApiRun = {
  id: string;
  name: string;
  state: RunState;
  url: string;
  git: { commit_sha: string | null; branch: string | null } | null;
  charter?: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  result_counts?: ResultCounts;
};
export type ApiResult = { id: string; case_id: string | null; status: ResultStatus; comment: string; created_at: string };

export type RunKindView = {
  key: "test_run" | "session";
  plural: "test_runs" | "sessions";
  path: "test-runs" | "sessions";
  noun: string;
  title: string;
};

export const TEST_RUN_VIEW: RunKindView = { key: "test_run", plural: "test_runs", path: "test-runs", noun: "test run", title: "Test runs" };
export const SESSION_VIEW: RunKindView = { key: "session", plural: "sessions", path: "sessions", noun: "session", title: "Sessions" };

export const STATE_LABEL: Record<RunState, string> = { new: "New", in_progress: "In progress", blocked: "Blocked", completed: "Completed" };
export const STATE_TONE = { new: "neutral", in_progress: "blue", blocked: "amber", completed: "green" } as const;
export const STATUS_LABEL: Record<ResultStatus, string> = { passed: "Passed", failed: "Failed", blocked: "Blocked", skipped: "Skipped", retest: "Retest" };
export const STATUS_TONE = { passed: "green", failed: "red", blocked: "amber", skipped: "neutral", retest: "blue" } as const;

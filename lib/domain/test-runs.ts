// Test runs: the shared run lifecycle (run-lifecycle.ts) bound to the test_runs tables.
import "server-only";
import { testRunResults, testRuns } from "@/db/schema";
import type { RunKind } from "./run-lifecycle";

export const TEST_RUN: RunKind = {
  subject: "test_run",
  noun: "test run",
  path: "test-runs",
  idPrefix: "run",
  resultIdPrefix: "res",
  runs: testRuns,
  results: testRunResults,
  resultRunColumn: testRunResults.testRunId,
  resultRunKey: "testRunId",
  hasCharter: false,
};

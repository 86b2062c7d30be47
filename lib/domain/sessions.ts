// Exploratory sessions: the shared run lifecycle (run-lifecycle.ts) bound to the sessions tables.
// A session is a test run with a charter; its tables match the test-run tables column for column.
import "server-only";
import { sessionResults, sessions, type testRunResults, type testRuns } from "@/db/schema";
import type { RunKind } from "./run-lifecycle";

export const SESSION: RunKind = {
  subject: "session",
  noun: "session",
  path: "sessions",
  idPrefix: "ses",
  resultIdPrefix: "sres",
  runs: sessions as unknown as typeof testRuns,
  results: sessionResults as unknown as typeof testRunResults,
  resultRunColumn: sessionResults.sessionId,
  resultRunKey: "sessionId",
  hasCharter: true,
};

import { describe, expect, it } from "vitest";
import { advanceWatermark, alreadyApplied, budgetExhausted, nextWatermark, runStatus, SYNC_LIMITS } from "./reconcile-plan";

const t = (s: string) => new Date(`2026-05-15T${s}Z`);

describe("alreadyApplied", () => {
  it.each([
    { name: "no local issue", stored: undefined, event: { updatedAt: t("10:00:00"), rev: null }, applied: false },
    { name: "same time, no revisions", stored: { externalUpdatedAt: t("10:00:00"), externalRev: null }, event: { updatedAt: t("10:00:00"), rev: null }, applied: true },
    { name: "newer upstream", stored: { externalUpdatedAt: t("10:00:00"), externalRev: null }, event: { updatedAt: t("10:00:01"), rev: null }, applied: false },
    { name: "same time, newer revision (ADO)", stored: { externalUpdatedAt: t("10:00:00"), externalRev: 3 }, event: { updatedAt: t("10:00:00"), rev: 4 }, applied: false },
    { name: "same time and revision (ADO)", stored: { externalUpdatedAt: t("10:00:00"), externalRev: 4 }, event: { updatedAt: t("10:00:00"), rev: 4 }, applied: true },
    { name: "stored without a version (created by hand, linked)", stored: { externalUpdatedAt: null, externalRev: null }, event: { updatedAt: t("10:00:00"), rev: null }, applied: false },
    { name: "tracker sent no time", stored: { externalUpdatedAt: t("10:00:00"), externalRev: null }, event: { updatedAt: null, rev: null }, applied: false },
  ])("$name → $applied", ({ stored, event, applied }) => {
    expect(alreadyApplied(stored, event)).toBe(applied);
  });
});

describe("advanceWatermark", () => {
  it.each([
    { current: null, events: [], out: null },
    { current: null, events: [{ updatedAt: t("10:00:00") }, { updatedAt: null }], out: t("10:00:00") },
    { current: t("11:00:00"), events: [{ updatedAt: t("10:00:00") }], out: t("11:00:00") },
    { current: t("09:00:00"), events: [{ updatedAt: t("10:00:00") }, { updatedAt: t("10:30:00") }], out: t("10:30:00") },
  ])("$current + $events.length events → $out", ({ current, events, out }) => {
    expect(advanceWatermark(current, events)).toEqual(out);
  });
});

describe("nextWatermark", () => {
  it.each([
    { seen: null, retryFrom: null, out: null },
    { seen: t("10:00:00"), retryFrom: null, out: t("10:00:00") },
    { seen: t("10:00:00"), retryFrom: t("09:00:00"), out: t("09:00:00") },
    { seen: null, retryFrom: t("09:00:00"), out: t("09:00:00") },
  ])("seen $seen, failed at $retryFrom → $out", ({ seen, retryFrom, out }) => {
    expect(nextWatermark(seen, retryFrom)).toEqual(out);
  });
});

describe("budgetExhausted", () => {
  it.each([
    { spent: { pages: 0, issues: 0, elapsedMs: 0 }, reason: null },
    { spent: { pages: SYNC_LIMITS.maxPages, issues: 0, elapsedMs: 0 }, reason: "pages" },
    { spent: { pages: 1, issues: SYNC_LIMITS.maxIssues, elapsedMs: 0 }, reason: "issues" },
    { spent: { pages: 1, issues: 1, elapsedMs: SYNC_LIMITS.maxRunMs }, reason: "time" },
  ])("$spent → $reason", ({ spent, reason }) => {
    expect(budgetExhausted(SYNC_LIMITS, spent)).toBe(reason);
  });
});

describe("runStatus", () => {
  const base = { failed: null, rateLimitedUntil: null, stopped: null, errors: 0 };
  it.each([
    { r: base, status: "succeeded" },
    { r: { ...base, errors: 2 }, status: "partial" },
    { r: { ...base, stopped: "pages" as const }, status: "partial" },
    { r: { ...base, stopped: "pages" as const, rateLimitedUntil: t("11:00:00") }, status: "rate_limited" },
    { r: { ...base, rateLimitedUntil: t("11:00:00"), failed: "401" }, status: "failed" },
  ])("$r → $status", ({ r, status }) => {
    expect(runStatus(r).status).toBe(status);
  });

  it("says until when a run was rate limited", () => {
    expect(runStatus({ ...base, rateLimitedUntil: t("11:00:00") }).note).toBe("Rate limited until 2026-05-15T11:00:00.000Z; the next run continues from here.");
  });
});

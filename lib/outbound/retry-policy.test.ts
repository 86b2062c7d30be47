import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS, nextAttempt, parseRetryAfter } from "./retry-policy";

const fail = (statusCode?: number, retryAfter?: string) => ({ ok: false as const, statusCode, retryAfter });

describe("nextAttempt", () => {
  it("marks a 2xx as succeeded", () => {
    expect(nextAttempt(1, { ok: true })).toEqual({ kind: "succeeded" });
  });

  it.each([
    [1, 5_000],
    [2, 30_000],
    [3, 120_000],
    [9, 43_200_000],
  ])("after attempt %i waits %i ms at the middle of the jitter", (attempt, ms) => {
    expect(nextAttempt(attempt, fail(500), 0.5)).toEqual({ kind: "retry", delayMs: ms });
  });

  it("jitters within ±20 %", () => {
    expect(nextAttempt(1, fail(500), 0)).toEqual({ kind: "retry", delayMs: 4_000 });
    expect(nextAttempt(1, fail(500), 0.999999)).toMatchObject({ delayMs: 6_000 });
  });

  it("retries for about a day, then gives up", () => {
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total / 3600_000).toBeGreaterThan(20);
    expect(total / 3600_000).toBeLessThan(26);
    expect(nextAttempt(MAX_ATTEMPTS, fail(500)).kind).toBe("dead");
  });

  it("stops at once on 410 Gone and on permanent errors", () => {
    expect(nextAttempt(1, fail(410)).kind).toBe("dead");
    expect(nextAttempt(1, { ok: false, statusCode: 404, permanent: true }).kind).toBe("dead");
  });

  it.each([
    [429, "7", 7_000],
    [503, "7", 7_000],
    [429, "0", 1_000], // floor
    [429, "999999", 6 * 3600_000], // ceiling
  ])("honours Retry-After on %i (%s) within bounds", (status, header, ms) => {
    expect(nextAttempt(1, fail(status, header), 0.5)).toEqual({ kind: "retry", delayMs: ms });
  });

  it("ignores Retry-After on other statuses and when unreadable", () => {
    expect(nextAttempt(1, fail(500, "60"), 0.5)).toEqual({ kind: "retry", delayMs: 5_000 });
    expect(nextAttempt(1, fail(429, "soon"), 0.5)).toEqual({ kind: "retry", delayMs: 5_000 });
  });

  it("treats timeouts and network errors (no status) as retryable", () => {
    expect(nextAttempt(2, fail(), 0.5)).toEqual({ kind: "retry", delayMs: 30_000 });
  });
});

describe("parseRetryAfter", () => {
  it("reads an HTTP-date relative to now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
  });
});

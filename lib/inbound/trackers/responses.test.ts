import { describe, expect, it } from "vitest";
import { nextLink, rateLimitedUntil, retryAfterTime } from "./responses";

const now = new Date("2026-05-15T10:00:00Z");

describe("rateLimitedUntil", () => {
  it.each([
    { name: "a plain success", status: 200, headers: { "x-ratelimit-remaining": "4999" }, until: null },
    { name: "a 403 without rate-limit headers (no permission)", status: 403, headers: {}, until: null },
    { name: "a 429 with Retry-After seconds", status: 429, headers: { "retry-after": "30" }, until: "2026-05-15T10:00:30.000Z" },
    { name: "GitHub's primary limit (403, remaining 0, reset)", status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1778840000" }, until: new Date(1778840000 * 1000).toISOString() },
    { name: "GitHub's secondary limit (403 + Retry-After)", status: 403, headers: { "retry-after": "60" }, until: "2026-05-15T10:01:00.000Z" },
    { name: "a success that used the last of the quota", status: 200, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1778840000" }, until: new Date(1778840000 * 1000).toISOString() },
    { name: "a 429 with nothing else: a minute", status: 429, headers: {}, until: "2026-05-15T10:01:00.000Z" },
    { name: "a Retry-After HTTP date", status: 429, headers: { "retry-after": "Fri, 15 May 2026 10:05:00 GMT" }, until: "2026-05-15T10:05:00.000Z" },
    { name: "an unreadable reset falls back to a minute", status: 429, headers: { "x-ratelimit-reset": "soon" }, until: "2026-05-15T10:01:00.000Z" },
  ])("$name", ({ status, headers, until }) => {
    expect(rateLimitedUntil(status, headers, now)?.toISOString() ?? null).toBe(until);
  });

  it("ignores absurdly long header values", () => {
    expect(retryAfterTime("9".repeat(20), now)).toBeNull();
  });
});

describe("nextLink", () => {
  it.each([
    { header: null, next: null },
    { header: "", next: null },
    {
      header: '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"',
      next: "https://api.github.com/repositories/1/issues?page=2",
    },
    { header: '<https://api.github.com/repositories/1/issues?page=1>; rel="prev"', next: null },
    { header: '<https://x/a>; rel=next', next: "https://x/a" },
    { header: "garbage without brackets; rel=\"next\"", next: null },
    { header: "<".repeat(10_000), next: null },
  ])("$header → $next", ({ header, next }) => {
    expect(nextLink(header)).toBe(next);
  });
});

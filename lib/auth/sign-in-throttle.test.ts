import { describe, expect, it } from "vitest";
import { THROTTLE, clientAddress, nextAttemptAt, retryAfterSeconds, retryWording } from "./sign-in-throttle";

const NOW = new Date("2026-05-15T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;

describe("nextAttemptAt", () => {
  it.each([
    { name: "no failures", failures: [], wait: null },
    { name: "4 failures just now", failures: [0, 0, 0, 0], wait: null },
    { name: "5 failures just now → 1 minute", failures: [0, 0, 0, 0, 0], wait: 1 * MIN },
    { name: "6 failures → 2 minutes", failures: [0, 0, 0, 0, 0, 0], wait: 2 * MIN },
    { name: "8 failures → 8 minutes", failures: Array(8).fill(0), wait: 8 * MIN },
    { name: "many failures → at most 15 minutes", failures: Array(30).fill(0), wait: THROTTLE.maxDelayMs },
    { name: "5 failures, the last 30 s ago → 30 s more", failures: [MIN, MIN, MIN, MIN, 0.5 * MIN], wait: 0.5 * MIN },
    { name: "5 failures, the wait is over", failures: [3 * MIN, 3 * MIN, 3 * MIN, 3 * MIN, 2 * MIN], wait: null },
    { name: "failures older than the window do not count", failures: [16 * MIN, 16 * MIN, 0, 0, 0], wait: null },
  ])("$name", ({ failures, wait }) => {
    const at = nextAttemptAt(failures.map(ago), NOW);
    expect(at === null ? null : at.getTime() - NOW.getTime()).toBe(wait);
  });

  it("grows with each further failure", () => {
    const waits = [5, 6, 7, 8].map((n) => nextAttemptAt(Array(n).fill(NOW), NOW)!.getTime() - NOW.getTime());
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(new Set(waits).size).toBe(waits.length);
  });
});

describe("clientAddress", () => {
  it.each([
    [{ "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
    [{ "x-forwarded-for": "198.51.100.1, 203.0.113.7" }, "203.0.113.7"],
    [{ "x-forwarded-for": " " }, "unknown"],
    [{}, "unknown"],
  ])("%j → %s", (headers, address) => expect(clientAddress(new Headers(headers))).toBe(address));
});

describe("retryWording", () => {
  it.each([
    [10_000, "in a minute"],
    [60_000, "in a minute"],
    [61_000, "in 2 minutes"],
    [15 * MIN, "in 15 minutes"],
  ])("%i ms → %s", (ms, words) => expect(retryWording(new Date(NOW.getTime() + ms), NOW)).toBe(words));
});

describe("retryAfterSeconds", () => {
  it.each([
    [60_000, 60],
    [1_500, 2],
    [10, 1],
    [-5_000, 1],
  ])("%i ms → %i s", (ms, seconds) => expect(retryAfterSeconds(new Date(NOW.getTime() + ms), NOW)).toBe(seconds));
});

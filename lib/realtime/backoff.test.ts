import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it.each([
    [0, 0, 500],
    [0, 1, 1_000],
    [1, 0, 1_000],
    [3, 1, 8_000],
    [10, 1, BACKOFF_MAX_MS],
    [50, 0, BACKOFF_MAX_MS / 2],
    [-1, 1, 1_000],
  ])("attempt %i with jitter %d waits %i ms", (attempt, r, ms) => {
    expect(reconnectDelay(attempt, () => r)).toBe(ms);
  });
});

import { describe, expect, it } from "vitest";
import { attemptOutcome } from "./registry";

describe("attemptOutcome", () => {
  it.each([
    [200, null, "success"],
    [204, null, "success"],
    [404, "http_status", "http_4xx"],
    [429, "http_status", "http_4xx"],
    [500, "http_status", "http_5xx"],
    [503, "http_status", "http_5xx"],
    [null, "timeout", "timeout"],
    [null, "dns", "dns"],
    [null, "blocked_address", "blocked_address"],
    [200, "slack_error", "slack_error"],
    [302, "http_status", "http_3xx"],
    [null, null, "unknown"],
  ] as const)("%s / %s → %s", (status, errorClass, expected) => {
    expect(attemptOutcome(status, errorClass)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { DatabaseUnavailable, isConnectionLost, isDatabaseUnavailable, MAX_RECONNECT_DELAY_S, reconnectDelaySeconds } from "./unavailable";

const withCode = (code: string) => Object.assign(new Error(code), { code });
// drizzle's DrizzleQueryError keeps the driver's error as its cause.
const wrapped = (cause: unknown) => new Error("Failed query: select 1", { cause });

describe("database error classification", () => {
  it.each([
    ["postgres.js closed the connection", withCode("CONNECTION_CLOSED"), true, true],
    ["connect timeout", withCode("CONNECT_TIMEOUT"), true, true],
    ["socket refused", withCode("ECONNREFUSED"), true, true],
    ["Unix socket file gone", withCode("ENOENT"), true, true],
    ["server shutting down (57P01)", withCode("57P01"), true, true],
    ["server starting up (57P03)", withCode("57P03"), true, true],
    ["SQLSTATE class 08", withCode("08006"), true, true],
    ["lost connection wrapped by drizzle", wrapped(withCode("ECONNRESET")), true, true],
    ["statement_timeout", withCode("57014"), false, true],
    ["too many connections", withCode("53300"), false, true],
    ["DatabaseUnavailable itself", new DatabaseUnavailable(), false, true],
    ["DatabaseUnavailable wrapped", wrapped(new DatabaseUnavailable()), false, true],
    ["unique violation", withCode("23505"), false, false],
    ["syntax error", withCode("42601"), false, false],
    ["plain error", new Error("boom"), false, false],
    ["not an error", "CONNECTION_CLOSED", false, false],
    ["null", null, false, false],
  ])("%s", (_name, err, lost, unavailable) => {
    expect(isConnectionLost(err)).toBe(lost);
    expect(isDatabaseUnavailable(err)).toBe(unavailable);
  });
});

describe("reconnectDelaySeconds", () => {
  it.each([0, 1, 2, 5, 10, 50, 1000])("stays within (0, 1 s] after %i failures, whatever the jitter", (retries) => {
    for (const random of [0, 0.5, 0.999]) {
      const d = reconnectDelaySeconds(retries, random);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(MAX_RECONNECT_DELAY_S);
    }
  });

  it("starts short and grows to the cap", () => {
    expect(reconnectDelaySeconds(0, 1)).toBeCloseTo(0.05);
    expect(reconnectDelaySeconds(3, 1)).toBeCloseTo(0.4);
    expect(reconnectDelaySeconds(4, 1)).toBeCloseTo(0.8);
    expect(reconnectDelaySeconds(20, 1)).toBe(MAX_RECONNECT_DELAY_S);
  });
});

import { describe, expect, it } from "vitest";
import { foldHealth, nextHealth, type HealthState } from "./health";

const s = (health: HealthState["health"], consecutiveFailures: number): HealthState => ({ health, consecutiveFailures });

describe("nextHealth", () => {
  it.each([
    [s("healthy", 0), "failure", s("healthy", 1), undefined],
    [s("healthy", 4), "failure", s("degraded", 5), "degraded"],
    [s("degraded", 8), "failure", s("degraded", 9), undefined],
    [s("degraded", 9), "failure", s("disabled", 10), "disabled"],
    [s("degraded", 7), "success", s("healthy", 0), "healthy"],
    [s("healthy", 3), "success", s("healthy", 0), undefined],
    [s("disabled", 10), "success", s("disabled", 10), undefined],
    [s("disabled", 10), "failure", s("disabled", 11), undefined],
  ] as const)("%o + %s → %o (transition to %s)", (state, outcome, expected, to) => {
    const { transition, ...next } = nextHealth(state, outcome);
    expect(next).toEqual(expected);
    expect(transition?.to).toBe(to);
  });
});

describe("foldHealth", () => {
  it("records every transition of a batch in order", () => {
    const r = foldHealth(s("healthy", 3), ["failure", "failure", "success", "failure"]);
    expect(r).toMatchObject({ health: "healthy", consecutiveFailures: 1 });
    expect(r.transitions.map((t) => [t.to, t.failures])).toEqual([["degraded", 5], ["healthy", 0]]);
  });
});

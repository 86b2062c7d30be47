import { describe, expect, it } from "vitest";
import { addResultProblem, completeProblem, copyName, countResults, stateChangeProblem } from "./run-rules";

describe("stateChangeProblem", () => {
  it.each([
    { from: "new", to: "in_progress", problem: undefined },
    { from: "in_progress", to: "blocked", problem: undefined },
    { from: "blocked", to: "in_progress", problem: undefined },
    { from: "in_progress", to: "new", problem: undefined },
    { from: "in_progress", to: "in_progress", problem: /already in progress/ },
    { from: "completed", to: "in_progress", problem: /completed; duplicate it/ },
  ] as const)("$from → $to", ({ from, to, problem }) => {
    const result = stateChangeProblem("test run", from, to);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});

describe("completing and adding results", () => {
  it("refuses both once a run is completed, and allows both before", () => {
    for (const state of ["new", "in_progress", "blocked"] as const) {
      expect(completeProblem("session", state)).toBeUndefined();
      expect(addResultProblem("session", state)).toBeUndefined();
    }
    expect(completeProblem("session", "completed")).toMatch(/already completed/);
    expect(addResultProblem("session", "completed")).toMatch(/takes no more results/);
  });
});

describe("countResults", () => {
  it("counts each status and the total", () => {
    expect(countResults(["passed", "passed", "failed", "retest"])).toEqual({ total: 4, passed: 2, failed: 1, blocked: 0, skipped: 0, retest: 1 });
  });
  it("is all zeros for no results", () => {
    expect(countResults([])).toEqual({ total: 0, passed: 0, failed: 0, blocked: 0, skipped: 0, retest: 0 });
  });
});

describe("copyName", () => {
  it.each([
    { name: "Nightly", max: 200, expected: "Nightly (copy)" },
    { name: "Nightly (copy)", max: 200, expected: "Nightly (copy) (copy)" },
    { name: "abcdefghij", max: 12, expected: "abcde (copy)" },
  ])("$name → $expected", ({ name, max, expected }) => {
    expect(copyName(name, max)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { completesFailingStreak } from "./failing";

const r = "rejected";
describe("completesFailingStreak", () => {
  it.each([
    [[], false],
    [[r, r, r, r], false],
    [[r, r, r, r, r], true],
    [[r, r, r, r, r, "applied"], true],
    [[r, r, r, r, r, r], false], // the streak was reported at its fifth rejection
    [[r, r, r, r, "applied", r], false],
    [["applied", r, r, r, r, r], false],
    [[r, r, r, r, r, "duplicate"], true],
  ])("%o → %s", (outcomes, expected) => {
    expect(completesFailingStreak(outcomes)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_READY_LAG_SECONDS, lagCheck, pendingMigrations, workerCheck } from "./readiness";

const journal = [
  { when: 1, tag: "0000_init" },
  { when: 2, tag: "0001_more" },
  { when: 3, tag: "0002_most" },
];

describe("pendingMigrations", () => {
  it.each([
    [[1, 2, 3], []],
    [[1, 2], ["0002_most"]],
    [[], ["0000_init", "0001_more", "0002_most"]],
    [[1, 2, 3, 4], []], // a newer instance migrated further: this one's are all there
  ])("applied %o → pending %o", (applied, pending) => {
    expect(pendingMigrations(journal, applied)).toEqual(pending);
  });
});

describe("workerCheck", () => {
  const now = new Date("2026-06-30T12:00:00Z");
  const status = (running: boolean, silentMs: number) => ({ running, lastProgressAt: new Date(now.getTime() - silentMs), stallMs: 45_000 });
  it.each([
    ["off", null, true],
    ["on", null, false],
    ["on", status(true, 500), true],
    ["on", status(true, 45_000), true],
    ["on", status(true, 45_001), false],
    ["on", status(false, 0), false],
  ] as const)("%s, %o → ok %s", (mode, s, ok) => {
    expect(workerCheck(mode, s, now).ok).toBe(ok);
  });
});

describe("lagCheck", () => {
  it.each([
    [0, true],
    [MAX_READY_LAG_SECONDS, true],
    [MAX_READY_LAG_SECONDS + 0.5, false],
  ])("%s s → ok %s", (seconds, ok) => {
    expect(lagCheck(seconds).ok).toBe(ok);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_READY_LAG_SECONDS, MAX_WORKER_SILENCE_MS, lagCheck, pendingMigrations, workerCheck } from "./readiness";

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
  it.each([
    ["off", null, true],
    ["on", null, false],
    ["on", 500, true],
    ["on", MAX_WORKER_SILENCE_MS, true],
    ["on", MAX_WORKER_SILENCE_MS + 1, false],
  ] as const)("%s, last beat %s ms ago → ok %s", (mode, since, ok) => {
    expect(workerCheck(mode, since).ok).toBe(ok);
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

import { describe, expect, it } from "vitest";
import { silentSpellToReport } from "./silence";

const now = new Date("2026-05-15T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("silentSpellToReport", () => {
  it.each([
    { name: "never accepted anything", lastAcceptedAt: null, notifiedAt: null, report: false },
    { name: "accepted an hour ago", lastAcceptedAt: hoursAgo(1), notifiedAt: null, report: false },
    { name: "accepted 23 h ago", lastAcceptedAt: hoursAgo(23), notifiedAt: null, report: false },
    { name: "accepted exactly a day ago", lastAcceptedAt: hoursAgo(24), notifiedAt: null, report: true },
    { name: "silent for 25 h, not reported yet", lastAcceptedAt: hoursAgo(25), notifiedAt: null, report: true },
    { name: "silent for 25 h, reported an hour ago", lastAcceptedAt: hoursAgo(25), notifiedAt: hoursAgo(1), report: false },
    { name: "reported spell, then traffic, then silent again", lastAcceptedAt: hoursAgo(30), notifiedAt: hoursAgo(50), report: true },
    { name: "reported, then traffic an hour ago", lastAcceptedAt: hoursAgo(1), notifiedAt: hoursAgo(50), report: false },
  ])("$name → $report", ({ lastAcceptedAt, notifiedAt, report }) => {
    expect(silentSpellToReport({ lastAcceptedAt, notifiedAt }, now)).toBe(report);
  });
});

import { describe, expect, it } from "vitest";
import { livePayload, REPLAY_MAX_AGE_MS, replayFloor, sameMemberships } from "./live-rules";

describe("livePayload", () => {
  const issue = { id: "iss_1", title: "Secret plans", description: "…", labels: ["x"] };
  it.each([
    ["issue.deleted", { issue }, { issue: { id: "iss_1" } }],
    ["issue.deleted", { nothing: true }, { issue: { id: null } }],
    ["issue.deleted", null, { issue: { id: null } }],
    ["issue.updated", { issue }, { issue }],
    ["issue.created", { issue }, { issue }],
  ])("%s %j → %j", (kind, payload, expected) => {
    expect(livePayload(kind, payload)).toEqual(expected);
  });
});

describe("replayFloor", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const windowStart = new Date(now.getTime() - REPLAY_MAX_AGE_MS);
  it("is the age bound for a long-standing member and the join time for a recent one", () => {
    const floor = replayFloor(new Map([["old", new Date("2020-01-01T00:00:00Z")], ["new", new Date("2026-12-01T11:59:00Z")]]), now);
    expect(floor.get("old")).toEqual(windowStart);
    expect(floor.get("new")).toEqual(new Date("2026-12-01T11:59:00Z"));
  });
});

describe("sameMemberships", () => {
  const t = (s: string) => new Date(`2026-12-01T${s}Z`);
  const opened = new Map([["a", t("10:00:00")], ["b", t("10:00:00")]]);
  it.each([
    ["unchanged", new Map([["a", t("10:00:00")], ["b", t("10:00:00")]]), true],
    ["a member of more projects now", new Map([["a", t("10:00:00")], ["b", t("10:00:00")], ["c", t("11:00:00")]]), true],
    ["removed from one", new Map([["a", t("10:00:00")]]), false],
    ["removed and added again", new Map([["a", t("10:00:00")], ["b", t("10:30:00")]]), false],
    ["removed from all (or the projects deleted)", new Map(), false],
  ])("%s → %s", (_n, now, expected) => {
    expect(sameMemberships(opened, now)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { isStale } from "./staleness";

const t = (iso: string) => new Date(iso);

describe("isStale", () => {
  it.each([
    ["an older time", { updatedAt: t("2026-01-02T00:00:00Z"), rev: null }, { updatedAt: t("2026-01-01T00:00:00Z"), rev: null }, true],
    ["a newer time", { updatedAt: t("2026-01-01T00:00:00Z"), rev: null }, { updatedAt: t("2026-01-02T00:00:00Z"), rev: null }, false],
    ["the same time", { updatedAt: t("2026-01-01T00:00:00Z"), rev: null }, { updatedAt: t("2026-01-01T00:00:00Z"), rev: null }, false],
    ["a lower revision even with a newer time", { updatedAt: t("2026-01-01T00:00:00Z"), rev: 5 }, { updatedAt: t("2026-01-09T00:00:00Z"), rev: 4 }, true],
    ["a higher revision", { updatedAt: null, rev: 4 }, { updatedAt: null, rev: 5 }, false],
    ["nothing stored yet", { updatedAt: null, rev: null }, { updatedAt: t("2020-01-01T00:00:00Z"), rev: 1 }, false],
    ["an incoming event without a version", { updatedAt: t("2026-01-01T00:00:00Z"), rev: 3 }, { updatedAt: null, rev: null }, false],
  ])("%s → %s", (_n, stored, incoming, stale) => {
    expect(isStale(stored, incoming)).toBe(stale);
  });
});

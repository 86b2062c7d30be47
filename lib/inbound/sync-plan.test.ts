import { describe, expect, it } from "vitest";
import { planSync } from "./sync-plan";

const at = (iso: string) => new Date(iso);
const linked = { externalUpdatedAt: at("2026-01-02T00:00:00Z"), externalRev: null };

describe("planSync", () => {
  it.each([
    ["an upsert of an unknown issue imports it", { action: "upsert", updatedAt: at("2026-01-01T00:00:00Z"), rev: null }, undefined, "imported"],
    ["an upsert of a linked issue applies", { action: "upsert", updatedAt: at("2026-01-03T00:00:00Z"), rev: null }, linked, "applied"],
    ["the same version applies again", { action: "upsert", updatedAt: at("2026-01-02T00:00:00Z"), rev: null }, linked, "applied"],
    ["an older version is ignored", { action: "upsert", updatedAt: at("2026-01-01T00:00:00Z"), rev: null }, linked, "ignored"],
    ["a delete of a linked issue applies", { action: "delete", updatedAt: null, rev: null }, linked, "applied"],
    ["a delete of an unknown issue is ignored", { action: "delete", updatedAt: null, rev: null }, undefined, "ignored"],
    ["an older ADO revision is ignored", { action: "upsert", updatedAt: null, rev: 3 }, { externalUpdatedAt: null, externalRev: 4 }, "ignored"],
  ] as const)("%s", (_name, event, existing, outcome) => {
    expect(planSync(event, existing).outcome).toBe(outcome);
  });

  it("names the action and the issue it acts on", () => {
    expect(planSync({ action: "delete", updatedAt: null, rev: null }, linked)).toEqual({ outcome: "applied", action: "delete", issue: linked });
    expect(planSync({ action: "upsert", updatedAt: null, rev: null }, undefined)).toEqual({ outcome: "imported", action: "create" });
  });
});

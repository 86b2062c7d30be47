import { describe, expect, it } from "vitest";
import { fromStatusMessage, toStatusMessage } from "./status";

const at = (iso: string) => new Date(iso);

describe("the worker status over IPC", () => {
  it.each([
    { lastClaimAt: at("2026-12-01T23:59:00.000Z") },
    { lastClaimAt: null },
  ])("survives the JSON round trip with dates intact (lastClaimAt $lastClaimAt)", ({ lastClaimAt }) => {
    const status = { running: true, startedAt: at("2026-12-01T23:00:00.000Z"), lastProgressAt: at("2026-12-01T23:59:30.000Z"), lastClaimAt, restarts: 2, stallMs: 45_000 };
    expect(fromStatusMessage(JSON.parse(JSON.stringify(toStatusMessage(status))))).toEqual(status);
  });

  it.each([null, undefined, 42, "status", {}, { type: "other", status: {} }])("ignores a message that is not a status: %j", (m) => {
    expect(fromStatusMessage(m)).toBeNull();
  });
});

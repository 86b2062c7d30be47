import { describe, expect, it } from "vitest";
import { DEGRADED_AFTER, DISABLED_AFTER } from "@/lib/outbound/health";
import { degradedExplanation, healthView } from "./health-view";

const T1 = "2026-05-15T10:00:00.000Z";
const T2 = "2026-05-15T11:00:00.000Z";

describe("healthView", () => {
  it.each([
    [{ health: "healthy" as const }, "No deliveries yet", "slate"],
    [{ health: "healthy" as const, last_dispatched_at: T1 }, "Healthy", "green"],
    [{ health: "healthy" as const, last_success_at: T1 }, "Healthy", "green"],
    [{ health: "degraded" as const }, "Degraded", "amber"],
    [{ health: "disabled" as const }, "Disabled", "red"],
    [{ health: "healthy" as const, paused: true }, "Paused", "slate"],
    [{ health: "degraded" as const, paused: true }, "Paused", "slate"],
    // Disabled needs Re-enable, which is the more urgent action than Resume.
    [{ health: "disabled" as const, paused: true }, "Disabled", "red"],
  ])("%j reads %s", (input, label, tone) => {
    expect(healthView(input)).toMatchObject({ label, tone });
  });

  it.each([
    [null, null, null],
    [T1, null, { kind: "success", at: T1 }],
    [null, T2, { kind: "failure", at: T2 }],
    [T1, T2, { kind: "failure", at: T2 }],
    [T2, T1, { kind: "success", at: T2 }],
  ])("success %s / failure %s → latest %j", (last_success_at, last_failure_at, latest) => {
    expect(healthView({ health: "healthy", last_success_at, last_failure_at }).latest).toEqual(latest);
  });
});

describe("degradedExplanation", () => {
  it("counts from the health machine's own thresholds", () => {
    const text = degradedExplanation(DEGRADED_AFTER);
    expect(text).toContain(`last ${DEGRADED_AFTER} attempts in a row failed`);
    expect(text).toContain(`${DISABLED_AFTER - DEGRADED_AFTER} more failures in a row (${DISABLED_AFTER} in all)`);
    expect(degradedExplanation(DISABLED_AFTER - 1)).toContain("1 more failure in a row");
  });
});

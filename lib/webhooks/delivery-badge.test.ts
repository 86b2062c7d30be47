import { describe, expect, it } from "vitest";
import { STATE_BADGES, deliveryBadge } from "./delivery-badge";

describe("deliveryBadge", () => {
  it.each([
    ["outbound", "succeeded", null, "Succeeded", "green"],
    ["outbound", "failed", null, "Retrying", "amber"],
    ["outbound", "dead", null, "Dead", "red"],
    ["outbound", "paused", null, "Parked", "neutral"],
    ["outbound", "pending", null, "Pending", "blue"],
    ["inbound", "succeeded", "applied", "Applied", "green"],
    ["inbound", "succeeded", "rejected", "Rejected", "red"],
    ["inbound", "succeeded", "synthetic", "Test", "blue"],
    ["inbound", "succeeded", null, "Succeeded", "green"],
    ["outbound", "mystery", null, "mystery", "neutral"],
    ["outbound", "constructor", null, "constructor", "neutral"],
  ] as const)("%s %s/%s reads %s", (direction, status, outcome, label, tone) => {
    expect(deliveryBadge({ direction, status, outcome })).toEqual({ label, tone });
  });

  it("a failed Send Test reads Failed, not Dead", () => {
    expect(deliveryBadge({ direction: "outbound", status: "dead", outcome: null, test: true })).toEqual({ label: "Failed", tone: "red" });
    expect(deliveryBadge({ direction: "outbound", status: "succeeded", outcome: null, test: true }).label).toBe("Succeeded");
  });

  it("every filter value's name is its badge's label", () => {
    expect(STATE_BADGES.failed.label).toBe(deliveryBadge({ direction: "outbound", status: "failed", outcome: null }).label);
    expect(STATE_BADGES.rejected.label).toBe(deliveryBadge({ direction: "inbound", status: "failed", outcome: "rejected" }).label);
  });
});

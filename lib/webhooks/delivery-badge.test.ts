import { describe, expect, it } from "vitest";
import { deliveryBadge } from "./delivery-badge";

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
  ] as const)("%s %s/%s reads %s", (direction, status, outcome, label, tone) => {
    expect(deliveryBadge({ direction, status, outcome })).toEqual({ label, tone });
  });
});

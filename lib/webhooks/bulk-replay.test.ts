import { describe, expect, it } from "vitest";
import { describePlan, planBulkReplay, type ReplayCandidate } from "./bulk-replay";

const rows = (outbound: number, inbound = 0): ReplayCandidate[] => [
  ...Array.from({ length: outbound }, (_, i) => ({ id: `dlv_o${i}`, direction: "outbound" as const })),
  ...Array.from({ length: inbound }, (_, i) => ({ id: `dlv_i${i}`, direction: "inbound" as const })),
];

describe("planBulkReplay", () => {
  it.each([
    ["nothing selected", rows(0), { ok: false, reason: "nothing_selected" }],
    ["only inbound rows", rows(0, 3), { ok: false, reason: "only_inbound", skippedInbound: 3 }],
    ["one outbound row", rows(1), { ok: true, skippedInbound: 0 }],
    ["exactly 100 outbound rows", rows(100), { ok: true, skippedInbound: 0 }],
    ["101 outbound rows", rows(101), { ok: false, reason: "too_many", count: 101 }],
    ["100 outbound and 5 inbound rows", rows(100, 5), { ok: true, skippedInbound: 5 }],
  ])("%s", (_, selected, expected) => {
    expect(planBulkReplay(selected)).toMatchObject(expected);
  });

  it("sends only outbound ids, in selection order", () => {
    const plan = planBulkReplay([
      { id: "a", direction: "inbound" },
      { id: "b", direction: "outbound" },
      { id: "c", direction: "outbound" },
    ]);
    expect(plan).toEqual({ ok: true, ids: ["b", "c"], skippedInbound: 1 });
  });
});

describe("describePlan", () => {
  it.each([
    [rows(2, 1), "2 outbound deliveries will be replayed. 1 inbound row is left out: inbound receipts cannot be replayed."],
    [rows(1), "1 outbound delivery will be replayed."],
    [rows(101), "101 deliveries selected; at most 100 can be replayed at once. Deselect some and try again."],
    [rows(0, 2), "Nothing to replay. 2 inbound rows are left out: inbound receipts cannot be replayed."],
  ])("explains %#", (selected, sentence) => {
    expect(describePlan(planBulkReplay(selected))).toBe(sentence);
  });
});

import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersToQuery, withFilter } from "./delivery-filters";

describe("delivery filters in the URL", () => {
  it.each([
    ["", {}],
    ["?direction=outbound", { direction: "outbound" }],
    ["?direction=sideways", {}],
    ["?status=dead&webhook=wh_1", { status: "dead", webhook: "wh_1" }],
    ["?status=exploded", {}],
    ["?event=test_run.completed&webhook=", { event: "test_run.completed" }],
    ["?webhook=%20wh_2%20", { webhook: "wh_2" }],
  ])("reads %s", (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it("reads Next.js searchParams objects, taking the first of repeated values", () => {
    expect(filtersFromParams({ direction: ["inbound", "outbound"], status: undefined })).toEqual({ direction: "inbound" });
  });

  it.each([
    [{}, undefined, ""],
    [{ status: "failed" as const }, undefined, "?status=failed"],
    [{ event: "case.created", direction: "outbound" as const }, "c1", "?direction=outbound&event=case.created&cursor=c1"],
  ])("writes %j with cursor %s as %s", (filters, cursor, expected) => {
    expect(filtersToQuery(filters, cursor)).toBe(expected);
  });

  it("round-trips through the query string", () => {
    const filters = { direction: "inbound" as const, webhook: "iwh_1", status: "succeeded" as const, event: "issue.updated" };
    expect(filtersFromParams(new URLSearchParams(filtersToQuery(filters)))).toEqual(filters);
  });

  it("sets and clears one filter", () => {
    expect(withFilter({ status: "failed" }, "direction", "outbound")).toEqual({ status: "failed", direction: "outbound" });
    expect(withFilter({ status: "failed", direction: "outbound" }, "status", "")).toEqual({ direction: "outbound" });
  });
});

describe("search and date range in the URL", () => {
  it.each([
    ["?q=%20evt_1%20", { q: "evt_1" }],
    ["?from=2026-05-15T10:00:00Z&to=nonsense", { from: "2026-05-15T10:00:00.000Z" }],
    ["?status=rejected", { status: "rejected" }],
    ["?status=applied&direction=inbound", { status: "applied", direction: "inbound" }],
  ])("reads %s", (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it("caps the search text", () => {
    expect(filtersFromParams(new URLSearchParams(`q=${"x".repeat(500)}`)).q).toHaveLength(200);
  });
});

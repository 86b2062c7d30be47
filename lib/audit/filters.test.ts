import { describe, expect, it } from "vitest";
import { auditApiQuery, auditFiltersFromParams, auditFiltersToSearch } from "./filters";

describe("audit filters", () => {
  it.each([
    { url: "", filters: {} },
    { url: "action=secrets&actor=system", filters: { action: "secrets", actor: "system" } },
    { url: "from=2026-05-01&to=2026-05-31", filters: { from: "2026-05-01", to: "2026-05-31" } },
    { url: "from=yesterday&to=2026-5-1&other=x", filters: {} },
  ])("?$url", ({ url, filters }) => {
    const parsed = auditFiltersFromParams(new URLSearchParams(url));
    expect(parsed).toEqual(filters);
    expect(auditFiltersFromParams(new URLSearchParams(auditFiltersToSearch(parsed).slice(1)))).toEqual(filters);
  });

  it("sends whole local days as instants: to includes its day", () => {
    const q = new URLSearchParams(auditApiQuery({ from: "2026-05-01", to: "2026-05-01" }, "c1").slice(1));
    expect(new Date(q.get("from")!).getTime()).toBe(new Date(2026, 4, 1).getTime());
    expect(new Date(q.get("to")!).getTime()).toBe(new Date(2026, 4, 2).getTime());
    expect(q.get("cursor")).toBe("c1");
  });
});

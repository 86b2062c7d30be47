import { describe, expect, it } from "vitest";
import { jsonDepth, parseGuardedJson } from "./json-guard";

describe("guarded JSON parsing", () => {
  it.each([
    ["{}", 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['"{{{{"', 0],
    ['{"a":"\\"[[["}', 1],
    ["[[]]", 2],
  ])("measures the depth of %s as %i", (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it("refuses deep nesting before parsing", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(parseGuardedJson(deep)).toMatchObject({ ok: false });
  });

  it("refuses invalid JSON and accepts valid JSON", () => {
    expect(parseGuardedJson("{nope")).toMatchObject({ ok: false });
    expect(parseGuardedJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

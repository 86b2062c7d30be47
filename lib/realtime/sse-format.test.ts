import { describe, expect, it } from "vitest";
import { parseLastEventId, sseComment, sseEvent } from "./sse-format";

describe("SSE format", () => {
  it("frames an event with its id and one JSON data line", () => {
    expect(sseEvent(42, { kind: "issue.updated", text: "a\nb" })).toBe('id: 42\ndata: {"kind":"issue.updated","text":"a\\nb"}\n\n');
  });

  it("keeps comments on one line", () => {
    expect(sseComment("keep\nalive")).toBe(": keep alive\n\n");
  });

  it.each([
    [null, null, null],
    ["17", null, 17],
    [null, "23", 23],
    ["17", "23", 17],
    ["-1", null, null],
    ["abc", null, null],
    ["9".repeat(20), null, null],
  ])("reads Last-Event-ID header %j / query %j as %j", (header, query, expected) => {
    expect(parseLastEventId(header, query)).toBe(expected);
  });
});

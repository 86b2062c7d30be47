import { describe, expect, it } from "vitest";
import { parseLastEventId, SHUTDOWN_RETRY_MS, sseComment, sseEnd, sseEvent } from "./sse-format";

describe("SSE format", () => {
  it("frames an event with its id and one JSON data line", () => {
    expect(sseEvent(42, { kind: "issue.updated", text: "a\nb" })).toBe('id: 42\ndata: {"kind":"issue.updated","text":"a\\nb"}\n\n');
  });

  it.each([
    ["shutdown", SHUTDOWN_RETRY_MS],
    ["access", 2_000],
  ] as const)("ends a stream (%s) with a retry line and a named end event", (reason, retry) => {
    expect(sseEnd(reason)).toBe(`retry: ${retry}\n\nevent: end\ndata: {"reason":"${reason}","retry_ms":${retry}}\n\n`);
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

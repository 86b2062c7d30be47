import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXCERPT_BYTES, utf8Excerpt } from "./excerpt";

const bytes = (s: string) => Buffer.from(s, "utf8");

describe("utf8Excerpt", () => {
  it.each([
    ["short ASCII is kept whole", bytes("ok"), 8, "ok"],
    ["ASCII cut at the limit", bytes("abcdefghij"), 4, "abcd"],
    ["a 3-byte character straddling the limit is dropped whole", bytes("abc€"), 4, "abc"],
    ["a 3-byte character ending at the limit is kept", bytes("a€"), 4, "a€"],
    ["a 4-byte character straddling the limit is dropped whole", bytes("ab😀"), 5, "ab"],
    ["invalid bytes that decode to U+FFFD still fit", Buffer.from([0xff, 0xff, 0xff, 0xff]), 4, "\ufffd"],
    ["empty", Buffer.alloc(0), 4, ""],
  ])("%s", (_name, input, max, expected) => {
    expect(utf8Excerpt(input, max)).toBe(expected);
  });

  it("the issue's case: 4,095 ASCII bytes then a 3-byte character stay within 4,096 bytes", () => {
    const input = bytes(`${"x".repeat(4095)}€ and more`);
    const out = utf8Excerpt(input);
    expect(Buffer.byteLength(out)).toBe(4095);
    expect(out).not.toContain("\ufffd");
  });

  it("never exceeds the limit and never invents a character, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), fc.integer({ min: 1, max: EXCERPT_BYTES }), (raw, max) => {
        const input = Buffer.from(raw);
        const out = utf8Excerpt(input, max);
        expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 3000 }), fc.integer({ min: 1, max: EXCERPT_BYTES }), (s, max) => {
        const out = utf8Excerpt(bytes(s), max);
        expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
        expect(s.startsWith(out)).toBe(true); // valid input: a prefix, never a replacement character
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { MAX_HEADER_VALUE, MAX_RESPONSE_HEADERS, capResponseHeaders } from "./response-headers";

describe("capResponseHeaders", () => {
  it.each([
    ["no response", null, null],
    ["plain headers, names lower-cased", { "Content-Type": "text/plain", date: "Tue" }, { "content-type": "text/plain", date: "Tue" }],
    ["a repeated header joined", { via: ["a", "b"] }, { via: "a, b" }],
    ["cookies redacted", { "set-cookie": ["session=s3cret"] }, { "set-cookie": "••••" }],
    ["undefined values dropped", { a: undefined, b: "1" }, { b: "1" }],
  ])("%s", (_, input, expected) => {
    expect(capResponseHeaders(input)).toEqual(expected);
  });

  it("caps the count and each value", () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-h${i}`, "v".repeat(10_000)]));
    const kept = capResponseHeaders(many)!;
    expect(Object.keys(kept)).toHaveLength(MAX_RESPONSE_HEADERS);
    for (const v of Object.values(kept)) expect(v.length).toBe(MAX_HEADER_VALUE + 1);
  });
});

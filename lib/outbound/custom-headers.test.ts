import { describe, expect, it } from "vitest";
import { customHeadersInput, openHeaders, sealHeaders } from "./custom-headers";

describe("customHeadersInput", () => {
  it.each(["Content-Type", "content-length", "Host", "User-Agent", "webhook-id", "Webhook-Signature", "X-Switchyard-Event", "connection", "Transfer-Encoding"])(
    "refuses %s, which would override ours",
    (name) => {
      const r = customHeadersInput.safeParse([{ name, value: "x" }]);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toMatch(/reserved|cannot be overridden/);
    },
  );

  it("accepts ordinary headers", () => {
    expect(customHeadersInput.safeParse([{ name: "Authorization", value: "Bearer abc" }, { name: "X-Team", value: "qa" }]).success).toBe(true);
  });

  it.each([
    [[{ name: "bad name", value: "x" }], /letters, digits/],
    [[{ name: "X-A", value: "a\r\nX-Evil: 1" }], /one line/],
    [[{ name: "X-A", value: "1" }, { name: "x-a", value: "2" }], /appears twice/],
    [Array.from({ length: 11 }, (_, i) => ({ name: `X-${i}`, value: "v" })), /at most 10/],
  ])("refuses %j", (input, message) => {
    const r = customHeadersInput.safeParse(input);
    expect(r.error?.issues[0].message).toMatch(message);
  });
});

describe("sealHeaders / openHeaders", () => {
  it("round-trips values through the cipher and keeps names readable", () => {
    const enc = (s: string) => `enc(${s})`;
    const dec = (s: string) => s.slice(4, -1);
    const sealed = sealHeaders([{ name: "Authorization", value: "Bearer t" }], enc);
    expect(sealed).toEqual([{ name: "Authorization", valueCiphertext: "enc(Bearer t)" }]);
    expect(openHeaders(sealed, dec)).toEqual([{ name: "Authorization", value: "Bearer t" }]);
  });
});

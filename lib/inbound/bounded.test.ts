import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, httpUrl, isCleanIdentifier, parseTrackerDate, readDeliveryId, TRACKER_LIMITS } from "./bounded";

/** No NUL, no other dropped control, no lone surrogate: what PostgreSQL text and jsonb accept. */
function isStorable(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) && Buffer.from(s, "utf8").toString("utf8") === s;
}

/** Strings made of the characters that broke receipts: NUL, lone surrogates, pairs, controls, "<". */
const hostileString = fc
  .array(fc.oneof(fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d\ude00", "\u0007", "\u007f", "\t", "\n", "<", ">", ";", " "), fc.string({ maxLength: 5 })), { maxLength: 60 })
  .map((parts) => parts.join(""));

describe("cleanText", () => {
  it.each([
    ["plain text", "Login fails", 100, "Login fails"],
    ["NUL removed", "a\u0000b", 100, "ab"],
    ["other controls removed, tab and newlines kept", "a\u0001\u001f\u007fb\tc\nd\re", 100, "ab\tc\nd\re"],
    ["a lone high surrogate removed", "a\ud800b", 100, "ab"],
    ["a lone low surrogate removed", "a\udc00b", 100, "ab"],
    ["a trailing high surrogate removed", "ab\ud83d", 100, "ab"],
    ["a surrogate pair kept", "a\ud83d\ude00b", 100, "a\ud83d\ude00b"],
    ["cut to the limit", "abcdef", 3, "abc"],
    ["never cut inside a pair", "ab\ud83d\ude00", 3, "ab"],
    ["dropped characters do not count", "\u0000\u0000abc", 3, "abc"],
    ["empty", "", 5, ""],
  ])("%s", (_name, input, max, expected) => {
    expect(cleanText(input, max)).toBe(expected);
  });

  it("always returns storable text within the limit, and cleaning twice changes nothing", () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 0, max: 80 }), (s, max) => {
        const out = cleanText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isStorable(out)).toBe(true);
        expect(cleanText(out, max)).toBe(out);
      }),
    );
  });

  it("leaves clean text within the limit untouched", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 50 }).filter(isStorable), (s) => {
        expect(cleanText(s, 500)).toBe(s);
      }),
    );
  });

  it("reads a 5 MiB string in one pass", () => {
    const huge = "\u0000<".repeat(2.5 * 1024 * 1024);
    expect(cleanText(huge, TRACKER_LIMITS.title)).toBe("<".repeat(TRACKER_LIMITS.title));
  });
});

describe("isCleanIdentifier", () => {
  it.each([
    ["QA-17", true],
    ["", false],
    ["QA\u0000-17", false],
    ["QA-\ud800", false],
    ["x".repeat(201), false],
    ["x".repeat(200), true],
  ])("%j → %s", (value, ok) => {
    expect(isCleanIdentifier(value, 200)).toBe(ok);
  });
});

describe("parseTrackerDate", () => {
  it.each([
    ["GitHub", "2019-05-15T15:20:18Z", "2019-05-15T15:20:18.000Z"],
    ["Jira's offset without a colon", "2026-03-02T10:00:00.000+0100", "2026-03-02T09:00:00.000Z"],
    ["an offset with a colon", "2026-03-02T10:00:00-05:30", "2026-03-02T15:30:00.000Z"],
    ["Azure DevOps' 7 fraction digits", "2016-05-02T19:19:12.8836446Z", "2016-05-02T19:19:12.883Z"],
    ["no offset (UTC)", "2026-03-03T08:00:00", "2026-03-03T08:00:00.000Z"],
    ["minutes only", "2026-03-03T08:00Z", "2026-03-03T08:00:00.000Z"],
  ])("reads %s", (_name, input, iso) => {
    expect(parseTrackerDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    ["year 0000", "0000-01-01T00:00:00Z"],
    ["ADO's 0001-01-01 placeholder", "0001-01-01T00:00:00"],
    ["an expanded year", "+010000-01-01T00:00:00Z"],
    ["before 1990", "1989-12-31T23:59:59Z"],
    ["2200 or later", "2200-01-01T00:00:00Z"],
    ["ADO's 9999 'never revised'", "9999-01-01T00:00:00Z"],
    ["31 February", "2026-02-31T00:00:00Z"],
    ["hour 24", "2026-02-01T24:00:00Z"],
    ["an offset past 14 h", "2026-02-01T10:00:00+1500"],
    ["a date without a time", "2026-02-01"],
    ["words", "yesterday"],
    ["a long string", `2026-02-01T10:00:00Z${" ".repeat(40)}`],
    ["5 MiB", "9".repeat(5 * 1024 * 1024)],
    ["empty", ""],
  ])("refuses %s", (_name, input) => {
    expect(parseTrackerDate(input)).toBeNull();
  });

  it("returns either null or a date in range, for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 45 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (s) => {
        const d = parseTrackerDate(s);
        if (d) expect(d.getUTCFullYear()).toBeGreaterThanOrEqual(1990);
        if (d) expect(d.getUTCFullYear()).toBeLessThan(2200);
      }),
    );
  });
});

describe("readDeliveryId", () => {
  it.each([
    ["a GUID", "72d3162e-cc78-11e3-81ab-4c9367dc0958", { ok: true, value: "72d3162e-cc78-11e3-81ab-4c9367dc0958" }],
    ["absent", null, { ok: true, value: null }],
    ["empty", "", { ok: true, value: null }],
    ["a number", 42, { ok: false }],
    ["201 characters", "d".repeat(201), { ok: false }],
    ["NUL inside", "d\u0000", { ok: false }],
  ])("%s", (_name, raw, expected) => {
    expect(readDeliveryId(raw, "X-GitHub-Delivery")).toMatchObject(expected);
  });
});

describe("httpUrl", () => {
  it.each([
    ["https://github.com/octo/repo/issues/1", "https://github.com/octo/repo/issues/1"],
    ["http://tfs.internal:8080/DefaultCollection/_workitems/edit/5", "http://tfs.internal:8080/DefaultCollection/_workitems/edit/5"],
    ["HTTPS://Acme.Atlassian.NET/browse/QA-1", "https://acme.atlassian.net/browse/QA-1"],
    ["https://example.com/a\u0000b", "https://example.com/a%00b"], // NUL in the path: percent-encoded
  ])("accepts %j", (raw, href) => {
    expect(httpUrl(raw)).toBe(href);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["vbscript:", "vbscript:msgbox(1)"],
    ["ftp:", "ftp://example.com/x"],
    ["no host", "https://"],
    ["a space in the host", "https://exa mple.com"],
    ["relative", "/browse/QA-1"],
    ["over 2,000 characters", `https://example.com/${"a".repeat(2000)}`],
    ["5 MiB", `https://example.com/${"a".repeat(5 * 1024 * 1024)}`],
    ["empty", ""],
  ])("refuses %s", (_name, raw) => {
    expect(httpUrl(raw)).toBeNull();
  });
});

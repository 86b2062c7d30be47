import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, FIRST_PAGE, parsePageParams } from "./cursor";
import { BadRequest, HttpError, Invalid } from "./errors";
import { MAX_PAGE_SIZE } from "./keyset";

const PAGE_LIMIT_DEFAULT = FIRST_PAGE.limit;
const PAGE_LIMIT_MAX = MAX_PAGE_SIZE;

const valid = { at: "2026-12-01T22:06:21.123456Z", id: "iss_0mi3k2x1a9f3c2b1d0e4f5a6" };
const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote", () => {
    expect(decodeCursor(encodeCursor(valid))).toEqual(valid);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "abc+/="],
    ["padded", encodeCursor(valid) + "="],
    ["too long", "A".repeat(201)],
    ["not JSON", b64("hello")],
    ["invalid UTF-8", Buffer.from([0xff, 0xfe, 0x5b]).toString("base64url")],
    ["an object", b64(JSON.stringify({ at: valid.at, id: valid.id }))],
    ["one element", b64(JSON.stringify([valid.at]))],
    ["three elements", b64(JSON.stringify([valid.at, valid.id, "x"]))],
    ["a number for the time", b64(JSON.stringify([1700000000, valid.id]))],
    ["milliseconds only", b64(JSON.stringify(["2026-12-01T22:06:21.123Z", valid.id]))],
    ["an offset instead of Z", b64(JSON.stringify(["2026-12-01T22:06:21.123456+01", valid.id]))],
    ["February 30th", b64(JSON.stringify(["2026-02-30T00:00:00.000000Z", valid.id]))],
    ["hour 25", b64(JSON.stringify(["2026-02-03T25:00:00.000000Z", valid.id]))],
    ["an id without prefix", b64(JSON.stringify([valid.at, "0mi3k2x1a9f3"]))],
    ["an id with a quote", b64(JSON.stringify([valid.at, "iss_a'b"]))],
    ["an id with NUL", b64(JSON.stringify([valid.at, "iss_a\u0000"]))],
    ["a lone surrogate", b64(JSON.stringify([valid.at, "iss_\ud800"]))],
  ])("refuses %s", (_name, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });

  it("never throws, and accepts only cursors it could have issued", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }).map(b64), fc.jsonValue().map((v) => b64(JSON.stringify(v) ?? ""))), (raw) => {
        const c = decodeCursor(raw);
        if (c) expect(encodeCursor(c)).toBe(raw);
      }),
      { numRuns: 2_000 },
    );
  });

  it("round-trips every instant and id of our shape", () => {
    const at = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });
    const micros = fc.integer({ min: 0, max: 999 });
    const id = fc.tuple(fc.stringMatching(/^[a-z]{1,16}$/), fc.stringMatching(/^[a-z0-9]{1,64}$/)).map(([p, r]) => `${p}_${r}`);
    fc.assert(
      fc.property(at, micros, id, (d, us, i) => {
        const c = { at: d.toISOString().replace("Z", String(us).padStart(3, "0") + "Z"), id: i };
        expect(decodeCursor(encodeCursor(c))).toEqual(c);
      }),
    );
  });
});

describe("parsePageParams", () => {
  const q = (s: string) => new URLSearchParams(s);

  it.each([
    ["", { cursor: null, limit: PAGE_LIMIT_DEFAULT }],
    ["cursor=&limit=", { cursor: null, limit: PAGE_LIMIT_DEFAULT }],
    ["limit=1", { cursor: null, limit: 1 }],
    [`limit=${PAGE_LIMIT_MAX}`, { cursor: null, limit: PAGE_LIMIT_MAX }],
    [`cursor=${encodeCursor(valid)}&limit=20`, { cursor: valid, limit: 20 }],
  ])("reads %j", (query, expected) => {
    expect(parsePageParams(q(query))).toEqual(expected);
  });

  it.each([
    ["cursor=nope", "cursor", BadRequest],
    ["cursor=%00", "cursor", BadRequest],
    [`cursor=${"A".repeat(1_001)}`, "cursor", BadRequest],
    ["limit=0", "limit", Invalid],
    [`limit=${PAGE_LIMIT_MAX + 1}`, "limit", Invalid],
    ["limit=-5", "limit", Invalid],
    ["limit=2.5", "limit", Invalid],
    ["limit=abc", "limit", Invalid],
  ])("answers %j with an error about %s", (query, path, type) => {
    const err = (() => {
      try {
        parsePageParams(q(query));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(type);
    expect((err as HttpError).errors?.[0].path).toBe(path);
  });

  it("throws nothing but a 4xx for any query string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), (cursor, limit) => {
        try {
          parsePageParams(new URLSearchParams({ cursor, limit }));
        } catch (e) {
          expect(e).toBeInstanceOf(HttpError);
          expect((e as HttpError).status).toBeLessThan(500);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

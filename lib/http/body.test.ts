import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, findUnstorableString, isJsonMediaType, readJsonBody } from "./body";

describe("isJsonMediaType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON; charset=utf-8", true],
    ["application/merge-patch+json", true],
    ["text/plain", false],
    ["text/plain; application/json", false],
    ["multipart/form-data; boundary=x", false],
    ["application/x-www-form-urlencoded", false],
    ["", false],
    [null, false],
  ])("%s → %s", (type, ok) => expect(isJsonMediaType(type)).toBe(ok));
});

describe("findUnstorableString", () => {
  it.each([
    [{ name: "fine", tags: ["a", "ü", "😀"] }, undefined],
    [{ name: "a\u0000b" }, "name"],
    [{ list: ["ok", "\ud800"] }, "list.1"],
    [{ deep: { "bad\u0000key": 1 } }, "deep"],
    ["\udc00", "(body)"],
  ])("%j → %s", (value, path) => expect(findUnstorableString(value)).toBe(path));

  it("walks nesting deeper than the call stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`);
    expect(findUnstorableString(deep)).toMatch(/^\(body\)(\.0)+$/);
  });

  it("accepts every well-formed string without NUL", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\u0000")), (s) => findUnstorableString({ s }) === undefined));
  });
});

const post = (body: BodyInit | null, headers: Record<string, string>) => new Request("http://localhost/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readJsonBody", () => {
  it("parses JSON and treats an empty body as {}", async () => {
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/json" }))).toEqual({ a: 1 });
    expect(await readJsonBody(post(null, {}))).toEqual({});
  });

  it.each<{ name: string; body: string; headers: Record<string, string>; status: number }>([
    { name: "text/plain", body: '{"a":1}', headers: { "content-type": "text/plain" }, status: 415 },
    { name: "a form", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415 },
    { name: "a body with no content-type", body: '{"a":1}', headers: {}, status: 415 },
    { name: "a declared length over the cap", body: "{}", headers: { "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) }, status: 413 },
    { name: "malformed JSON", body: "{nope", headers: { "content-type": "application/json" }, status: 400 },
    { name: "a NUL inside a string", body: '{"t":"a\\u0000"}', headers: { "content-type": "application/json" }, status: 400 },
  ])("$name → $status", async ({ body, headers, status }) => {
    await expect(readJsonBody(post(body, headers))).rejects.toMatchObject({ status });
  });

  it("stops reading a streamed body once it passes the cap, whatever Content-Length said", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk); // never ends on its own
      },
    });
    await expect(readJsonBody(post(stream, { "content-type": "application/json", "content-length": "2" }))).rejects.toMatchObject({ status: 413 });
    expect(pulled * chunk.byteLength).toBeLessThan(MAX_JSON_BODY_BYTES + 4 * chunk.byteLength);
  });
});

// The tracker HTTP call's own guards, against small servers on 127.0.0.1: the response size cap,
// no redirects followed (the credential must not travel to another URL), and unreadable JSON.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, trackerRequest, TrackerError } from "@/lib/inbound/trackers/http";

let server: Server;
let base = "";
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i <= MAX_RESPONSE_BYTES / chunk.length; i++) res.write(chunk);
      return res.end("[]");
    }
    if (req.url === "/redirect") {
      res.writeHead(302, { location: `${base}/elsewhere` });
      return res.end();
    }
    if (req.url === "/deep") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("[".repeat(100) + "]".repeat(100));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const get = (path: string) => trackerRequest({ method: "GET", url: `${base}${path}`, headers: { authorization: "Bearer secret-token" } });
const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as TrackerError);

describe("trackerRequest", () => {
  it("reads a JSON answer", async () => {
    expect((await get("/ok")).json).toEqual({ ok: true });
  });

  it("stops reading a response over the size cap", async () => {
    const err = await failure(get("/huge"));
    expect(err).toBeInstanceOf(TrackerError);
    expect(err!.kind).toBe("too_large");
  });

  it("does not follow a redirect, so the credential goes nowhere else", async () => {
    hits.length = 0;
    const err = await failure(get("/redirect"));
    expect(err!.kind).toBe("http");
    expect(err!.message).toMatch(/redirects are not followed/);
    expect(hits).toEqual(["/redirect"]);
  });

  it("refuses JSON nested deeper than the receipt's guard allows", async () => {
    const err = await failure(get("/deep"));
    expect(err!.kind).toBe("malformed");
  });

  it("names an unreachable tracker without echoing the request", async () => {
    const err = await failure(trackerRequest({ method: "GET", url: "http://127.0.0.1:9/", headers: { authorization: "Bearer secret-token" } }));
    expect(err!.kind).toBe("network");
    expect(err!.message).not.toContain("secret-token");
  });
});

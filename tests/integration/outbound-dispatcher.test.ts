// The dispatcher on its own against real sockets on 127.0.0.1: what one attempt reports when the
// receiver answers, trickles a response that never ends, or answers after the batch's deadline.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttemptDeadline, Dispatcher } from "@/lib/outbound/engine/dispatcher";
import { EXCERPT_BYTES } from "@/lib/outbound/excerpt";
import type { OutgoingRequest } from "@/lib/outbound/request";

let server: http.Server;
let base = "";
const dispatcher = new Dispatcher({ allowHttp: true, allowPrivateNetworks: true });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    if (req.url === "/ok") {
      res.writeHead(429, { "retry-after": "7" });
      res.end("slow down");
    } else if (req.url === "/trickle") {
      // Headers at once, then a byte every 20 ms for ever: only the deadline ends this attempt.
      res.writeHead(200);
      const timer = setInterval(() => res.write("."), 20);
      res.on("close", () => clearInterval(timer));
    } else if (req.url === "/late") {
      setTimeout(() => res.end("too late"), 2_000).unref();
    } else if (req.url === "/flood") {
      res.end("y".repeat(10 * EXCERPT_BYTES));
    } else if (req.url === "/euro") {
      // The 4 KB cut falls inside "€" (3 bytes): a byte-wise cut stored 4,098 bytes.
      res.end(`${"y".repeat(EXCERPT_BYTES - 1)}${"€".repeat(100)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string): OutgoingRequest => ({ url: `${base}${path}`, body: "{}", headers: { "content-type": "application/json" } });

describe("Dispatcher.send", () => {
  it("reports the status, Retry-After and the response excerpt", async () => {
    const res = await dispatcher.send(post("/ok"), new AttemptDeadline(5_000));
    expect(res).toMatchObject({ statusCode: 429, retryAfter: "7", excerpt: "slow down", error: null });
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps the first 4 KB of a large response and stops reading", async () => {
    const res = await dispatcher.send(post("/flood"), new AttemptDeadline(5_000));
    expect(res.statusCode).toBe(200);
    expect(res.excerpt).toBe("y".repeat(EXCERPT_BYTES));
  });

  it("cuts the excerpt on a character boundary, within 4 KB", async () => {
    const res = await dispatcher.send(post("/euro"), new AttemptDeadline(5_000));
    expect(res.excerpt).toBe("y".repeat(EXCERPT_BYTES - 1));
    expect(Buffer.byteLength(res.excerpt!)).toBeLessThanOrEqual(EXCERPT_BYTES);
  });

  it("cuts a response that never ends at the deadline, as a timeout", async () => {
    const t0 = Date.now();
    const res = await dispatcher.send(post("/trickle"), new AttemptDeadline(400));
    expect(res).toMatchObject({ statusCode: null, error: { errorClass: "timeout" } });
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it("ends every attempt sharing a deadline when it passes", async () => {
    const deadline = new AttemptDeadline(300);
    const results = await Promise.all([dispatcher.send(post("/late"), deadline), dispatcher.send(post("/late"), deadline), dispatcher.send(post("/trickle"), deadline)]);
    expect(results.map((r) => r.error?.errorClass)).toEqual(["timeout", "timeout", "timeout"]);
  });

  it("refuses a URL the policy forbids without connecting", async () => {
    const strict = new Dispatcher({ allowHttp: false, allowPrivateNetworks: false });
    const res = await strict.send(post("/ok"), new AttemptDeadline(5_000));
    expect(res).toMatchObject({ statusCode: null, error: { errorClass: "blocked_address" } });
    await strict.close();
  });
});

// The benchmark's receiver, in its own process like a real one: a keep-alive HTTP server on
// 127.0.0.1 that answers 200 at once and measures event→delivered latency from the envelope's
// created_at (or the raw run's own send time). Talks to the parent over IPC.
import http from "node:http";
import type { AddressInfo } from "node:net";

let latencies: number[] = [];
let count = 0;
let first = 0;
let last = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const now = Date.now();
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { created_at?: string; sent_at?: number };
    const origin = body.sent_at ?? (body.created_at ? Date.parse(body.created_at) : now);
    latencies.push(now - origin);
    count++;
    first ||= now;
    last = now;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));

process.on("message", (m: string) => {
  if (m === "reset") {
    latencies = [];
    count = 0;
    first = 0;
    last = 0;
    process.send!({ reset: true });
  }
  if (m === "stats") process.send!({ count, first, last, latencies });
  if (m === "exit") process.exit(0);
});

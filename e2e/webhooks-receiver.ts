// A real HTTP receiver on 127.0.0.1 for browser specs: records every request byte for byte and
// answers with whatever status the spec sets, so specs observe exactly what a customer would.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";

export type Received = { headers: IncomingHttpHeaders; body: string; at: number };

export class Receiver {
  readonly requests: Received[] = [];
  status = 200;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    let receiver!: Receiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
        res.writeHead(receiver.status, { "content-type": "text/plain" });
        res.end(receiver.status < 300 ? "ok" : `receiver says ${receiver.status}`);
      });
    });
    receiver = new Receiver(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Waits (polling, with a deadline) until at least `count` requests have arrived. */
  async waitForCount(count: number, timeout = 30_000): Promise<Received[]> {
    await expect.poll(() => this.requests.length, { timeout, intervals: [100, 250, 500] }).toBeGreaterThanOrEqual(count);
    return this.requests;
  }

  byEvent(type: string): Received[] {
    return this.requests.filter((r) => r.headers["x-switchyard-event"] === type);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

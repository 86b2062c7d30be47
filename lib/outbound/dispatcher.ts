// Sends one attempt over undici keep-alive pools (one per origin, shared by every drain cycle of the
// process). Connect timeout 5 s, whole attempt 15 s, no redirects followed, the response read stops
// at 4 KB. The URL is re-checked before each send and the resolved IP at connect time; the socket
// connects to exactly the address that passed the check.
import "server-only";
import { setMaxListeners } from "node:events";
import type { LookupFunction } from "node:net";
import { Agent, request } from "undici";
import { env } from "@/lib/env";
import { classifyNetworkError, type NetworkErrorClass } from "./attempt-errors";
import type { OutgoingRequest } from "./request";
import { BlockedAddressError, checkWebhookUrl, guardedLookup, type UrlCheck } from "./ssrf";

export const CONNECT_TIMEOUT_MS = 5_000;
export const ATTEMPT_TIMEOUT_MS = 15_000;
export const EXCERPT_BYTES = 4096;

export type SendResult = {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  retryAfter: string | null;
  excerpt: string | null;
  error: { errorClass: NetworkErrorClass; message: string } | null;
};

export class Dispatcher {
  private readonly agent: Agent;
  private readonly policy: { allowHttp: boolean; allowPrivateNetworks: boolean };
  // The check is a pure function of the URL and this dispatcher's fixed policy, and a drain sends to
  // the same few URLs thousands of times: judge each once. (Resolved addresses are checked per connect.)
  private readonly urlChecks = new Map<string, UrlCheck>();

  constructor(opts: { allowHttp: boolean; allowPrivateNetworks: boolean; connections?: number }) {
    this.policy = { allowHttp: opts.allowHttp, allowPrivateNetworks: opts.allowPrivateNetworks };
    this.agent = new Agent({
      connect: { timeout: CONNECT_TIMEOUT_MS, lookup: guardedLookup(opts.allowPrivateNetworks) as unknown as LookupFunction },
      connections: opts.connections ?? 64,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
    });
  }

  /**
   * `deadline` ends the whole attempt. Drains share one signal among the requests they start together:
   * a timer and a signal per request cost more than the rest of the bookkeeping of a send.
   */
  async send(req: OutgoingRequest, deadline: AttemptDeadline): Promise<SendResult> {
    const { signal, timeoutMs } = deadline;
    const startedAt = new Date();
    const t0 = performance.now();
    const done = (r: Omit<SendResult, "startedAt" | "durationMs">): SendResult => ({ startedAt, durationMs: Math.round(performance.now() - t0), ...r });
    // Literal IPs and schemes are checked here (a literal never reaches the DNS lookup hook).
    let check = this.urlChecks.get(req.url);
    if (!check) {
      if (this.urlChecks.size > 10_000) this.urlChecks.clear();
      check = checkWebhookUrl(req.url, this.policy);
      this.urlChecks.set(req.url, check);
    }
    if (!check.ok) {
      return done({ statusCode: null, retryAfter: null, excerpt: null, error: classifyNetworkError(new BlockedAddressError(`refused: the URL ${check.reason}`)) });
    }
    try {
      const res = await request(req.url, {
        method: "POST",
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal,
      }); // undici 7 follows no redirects unless a redirect interceptor is added; we add none
      const excerpt = await readExcerpt(res.body);
      const retryAfter = res.headers["retry-after"];
      return done({ statusCode: res.statusCode, retryAfter: typeof retryAfter === "string" ? retryAfter : null, excerpt, error: null });
    } catch (err) {
      return done({ statusCode: null, retryAfter: null, excerpt: null, error: classifyNetworkError(err) });
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

export type AttemptDeadline = { signal: AbortSignal; timeoutMs: number };

/** A deadline `timeoutMs` from now for every attempt started with it. */
export function attemptDeadline(timeoutMs: number): AttemptDeadline {
  const signal = AbortSignal.timeout(timeoutMs);
  setMaxListeners(0, signal); // one listener per request sharing it, by design
  return { signal, timeoutMs };
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) {
      body.destroy(); // stop reading: a huge or endless response must not hold the attempt
      break;
    }
  }
  if (!size) return null;
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
}

const globalForDispatcher = globalThis as unknown as { switchyardDispatcher?: Dispatcher };

/** The process's dispatcher; its pools keep connections alive across drain cycles. */
export function sharedDispatcher(): Dispatcher {
  globalForDispatcher.switchyardDispatcher ??= new Dispatcher({
    allowHttp: env().WEBHOOKS_ALLOW_HTTP,
    allowPrivateNetworks: env().WEBHOOKS_ALLOW_PRIVATE_NETWORKS,
  });
  return globalForDispatcher.switchyardDispatcher;
}

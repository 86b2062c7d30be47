// Sends one attempt over undici keep-alive pools (one per origin, shared by every drain cycle of the
// process). Connect timeout 5 s, whole attempt 15 s, no redirects followed, the response read stops
// at 4 KB (cut on a character boundary). The URL is re-checked before each send and the resolved IP at connect time; the socket
// connects to exactly the address that passed the check.
import "server-only";
import type { LookupFunction } from "node:net";
import { Agent, type Dispatcher as UndiciDispatcher } from "undici";
import { env } from "@/lib/env";
import { classifyNetworkError, type NetworkErrorClass } from "../attempt-errors";
import { EXCERPT_BYTES, utf8Excerpt } from "../excerpt";
import type { OutgoingRequest } from "../request";
import type { RawResponseHeaders } from "../response-headers";
import { BlockedAddressError, checkWebhookUrl, guardedLookup } from "../ssrf";

export const CONNECT_TIMEOUT_MS = 5_000;
export const ATTEMPT_TIMEOUT_MS = 15_000;

export type SendResult = {
  durationMs: number;
  statusCode: number | null;
  retryAfter: string | null;
  /** The response's headers as undici gives them (uncapped: the caller keeps what it records). */
  headers: RawResponseHeaders | null;
  excerpt: string | null;
  error: { errorClass: NetworkErrorClass; message: string } | null;
};

export class Dispatcher {
  private readonly agent: Agent;
  private readonly policy: { allowHttp: boolean; allowPrivateNetworks: boolean };
  // The check is a pure function of the URL and this dispatcher's fixed policy, and a drain sends to
  // the same few URLs thousands of times: judge each once. (Resolved addresses are checked per connect.)
  private readonly urlChecks = new Map<string, { ok: true; origin: string; path: string } | { ok: false; reason: string }>();

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
   * `deadline` ends the whole attempt. Drains share one deadline among the requests they start together.
   * Sent through undici's dispatch API with a handler of our own: no response stream, async iterator or
   * abort listener per request, which cost more than the rest of a send's bookkeeping (BENCHMARKS.md).
   */
  send(req: OutgoingRequest, deadline: AttemptDeadline): Promise<SendResult> {
    const t0 = performance.now();
    const done = (r: Omit<SendResult, "durationMs">): SendResult => ({ durationMs: Math.round(performance.now() - t0), ...r });
    // Literal IPs and schemes are checked here (a literal never reaches the DNS lookup hook).
    let check = this.urlChecks.get(req.url);
    if (!check) {
      if (this.urlChecks.size > 10_000) this.urlChecks.clear();
      const c = checkWebhookUrl(req.url, this.policy);
      check = c.ok ? { ok: true, origin: c.url.origin, path: c.url.pathname + c.url.search } : c;
      this.urlChecks.set(req.url, check);
    }
    if (!check.ok) {
      return Promise.resolve(done({ statusCode: null, retryAfter: null, headers: null, excerpt: null, error: classifyNetworkError(new BlockedAddressError(`refused: the URL ${check.reason}`)) }));
    }
    const { origin, path } = check;
    return new Promise((resolve) => {
      let statusCode: number | null = null;
      let retryAfter: string | null = null;
      let responseHeaders: RawResponseHeaders | null = null;
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      let forget = () => {};
      const settle = (error: unknown) => {
        if (settled) return;
        settled = true;
        forget();
        const excerpt = size ? utf8Excerpt(Buffer.concat(chunks)) : null;
        resolve(
          done(
            error === null
              ? { statusCode, retryAfter, headers: responseHeaders, excerpt, error: null }
              : { statusCode: null, retryAfter: null, headers: null, excerpt: null, error: classifyNetworkError(error) },
          ),
        );
      };
      const handler: UndiciDispatcher.DispatchHandler = {
        onRequestStart(controller) {
          forget = deadline.onExpiry((reason) => controller.abort(reason));
        },
        onResponseStart(_controller, status, headers) {
          statusCode = status;
          responseHeaders = headers as RawResponseHeaders;
          const value = headers["retry-after"];
          retryAfter = typeof value === "string" ? value : null;
        },
        onResponseData(controller, chunk) {
          chunks.push(chunk);
          size += chunk.length;
          // A few bytes past the limit tell whether the character at the cut is whole.
          if (size >= EXCERPT_BYTES + 4) {
            // Stop reading: a huge or endless response must not hold the attempt.
            settle(null);
            controller.abort(new Error("response excerpt complete"));
          }
        },
        onResponseEnd: () => settle(null),
        onResponseError: (_controller, err) => settle(err),
      };
      // undici follows no redirects unless a redirect interceptor is added; we add none.
      this.agent.dispatch(
        { origin, path, method: "POST", headers: req.headers, body: req.body, headersTimeout: deadline.timeoutMs, bodyTimeout: deadline.timeoutMs },
        handler,
      );
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * Ends every attempt started with it `timeoutMs` from now: one timer for a batch, and each request
 * only joins a set, where a signal would add a listener per request.
 */
export class AttemptDeadline {
  private readonly aborts = new Set<(reason: Error) => void>();
  private expired: Error | null = null;

  private readonly timer: NodeJS.Timeout;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => this.expire(Object.assign(new Error(`attempt timed out after ${timeoutMs} ms`), { name: "TimeoutError" })), timeoutMs).unref();
  }

  get isExpired(): boolean {
    return this.expired !== null;
  }

  /** Ends every attempt now (a shutdown's grace period is over). */
  expireNow(): void {
    this.expire(new Error("attempt cut short: the server is shutting down"));
  }

  private expire(reason: Error) {
    if (this.expired) return;
    clearTimeout(this.timer);
    this.expired = reason;
    for (const abort of this.aborts) abort(reason);
    this.aborts.clear();
  }

  /** Calls `abort` when the deadline passes (at once if it has); returns a function to forget it. */
  onExpiry(abort: (reason: Error) => void): () => void {
    if (this.expired) {
      abort(this.expired);
      return () => {};
    }
    this.aborts.add(abort);
    return () => this.aborts.delete(abort);
  }
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

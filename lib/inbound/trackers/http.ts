// Calls to a tracker's REST API: the same SSRF guard as outbound webhooks (scheme and address checked
// before the call, the resolved IP again at connect time, no redirects followed), a deadline per
// request, a cap on the response size, and JSON read through the receipt's depth guard. Errors say
// what happened in plain words and never carry a request header (the credential travels in one).
import "server-only";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { env } from "@/lib/env";
import { classifyNetworkError } from "@/lib/outbound/attempt-errors";
import { checkWebhookUrl, guardedLookup } from "@/lib/outbound/ssrf";
import { parseGuardedJson } from "../json-guard";
import { rateLimitedUntil, type ResponseHeaders } from "./responses";

export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 20_000;
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export type TrackerErrorKind = "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "http" | "network" | "blocked" | "too_large" | "malformed";

export class TrackerError extends Error {
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
    readonly opts: { status?: number; retryAt?: Date } = {},
  ) {
    super(message);
    this.name = "TrackerError";
  }
}

/** `rateLimitedUntil` is set when this answer spent the last of the quota: the next call would be refused. */
export type TrackerResponse = { status: number; headers: ResponseHeaders; json: unknown; rateLimitedUntil: Date | null };
export type TrackerRequest = { method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: unknown };

let agents: Map<boolean, Agent> | undefined;
function agent(allowPrivateNetworks: boolean): Agent {
  agents ??= new Map();
  let a = agents.get(allowPrivateNetworks);
  if (!a) {
    a = new Agent({
      connect: { timeout: CONNECT_TIMEOUT_MS, lookup: guardedLookup(allowPrivateNetworks) as unknown as LookupFunction },
      connections: 8,
      keepAliveTimeout: 10_000,
    });
    agents.set(allowPrivateNetworks, a);
  }
  return a;
}

/**
 * One request. 2xx → the parsed JSON; a refusal for rate limits → TrackerError "rate_limited" with the
 * time it lifts; anything else → a TrackerError naming the status. `okStatuses` lets a caller treat
 * e.g. 404/410 as an answer.
 */
export async function trackerRequest(req: TrackerRequest, opts: { okStatuses?: number[] } = {}): Promise<TrackerResponse> {
  const { WEBHOOKS_ALLOW_HTTP, WEBHOOKS_ALLOW_PRIVATE_NETWORKS } = env();
  const check = checkWebhookUrl(req.url, { allowHttp: WEBHOOKS_ALLOW_HTTP, allowPrivateNetworks: WEBHOOKS_ALLOW_PRIVATE_NETWORKS });
  if (!check.ok) throw new TrackerError("blocked", `The tracker URL ${check.reason}.`);
  const host = check.url.host;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  let res;
  try {
    res = await agent(WEBHOOKS_ALLOW_PRIVATE_NETWORKS).request({
      origin: check.url.origin,
      path: check.url.pathname + check.url.search,
      method: req.method,
      headers: { accept: "application/json", "user-agent": "Switchyard", ...(body ? { "content-type": "application/json" } : {}), ...req.headers },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const { errorClass, message } = classifyNetworkError(err);
    if (errorClass === "blocked_address") throw new TrackerError("blocked", `${host}: ${message}`);
    throw new TrackerError("network", `${host} could not be reached (${errorClass}).`);
  }
  const headers = res.headers as ResponseHeaders;
  const text = await readCapped(res.body, MAX_RESPONSE_BYTES).catch(() => null);
  if (text === null) throw new TrackerError("too_large", `${host} sent a response over ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB or broke off.`);
  const limitedUntil = rateLimitedUntil(res.statusCode, headers, new Date());
  const ok = (res.statusCode >= 200 && res.statusCode < 300) || opts.okStatuses?.includes(res.statusCode);
  if (!ok && limitedUntil) throw new TrackerError("rate_limited", `${host} is rate limiting this credential.`, { status: res.statusCode, retryAt: limitedUntil });
  if (!ok) throw statusError(host, res.statusCode);
  const parsed = text.length ? parseGuardedJson(text) : { ok: true as const, value: null };
  if (!parsed.ok) throw new TrackerError("malformed", `${host} answered ${res.statusCode} with a ${parsed.message}.`);
  return { status: res.statusCode, headers, json: parsed.value, rateLimitedUntil: limitedUntil };
}

function statusError(host: string, status: number): TrackerError {
  if (status === 401) return new TrackerError("unauthorized", `${host} refused the credential (401): check that it is current.`, { status });
  if (status === 403) return new TrackerError("forbidden", `${host} answered 403: the credential lacks access to this project or repository.`, { status });
  if (status === 404) return new TrackerError("not_found", `${host} answered 404: check the base URL and the project or repository name.`, { status });
  if (status >= 300 && status < 400) return new TrackerError("http", `${host} answered a redirect (${status}); redirects are not followed, so use the final base URL.`, { status });
  return new TrackerError("http", `${host} answered ${status}.`, { status });
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

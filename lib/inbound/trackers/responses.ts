// Pure reading of trackers' API response headers: when a rate limit lifts, where the next page is.
// Header values come from outside, so they are length-capped and parsed without regular expressions
// that could backtrack.

const MAX_HEADER = 8192;

type HeaderValue = string | string[] | undefined;
export type ResponseHeaders = Record<string, HeaderValue>;

export function header(headers: ResponseHeaders, name: string): string | null {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s.length <= MAX_HEADER ? s : null;
}

/** Retry-After as seconds or an HTTP date → the time it names; null when absent or unreadable. */
export function retryAfterTime(value: string | null, now: Date): Date | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : new Date(at);
}

/**
 * When a response says the credential is out of quota: a 429 or 403 carrying Retry-After or
 * X-RateLimit-Remaining: 0 (GitHub, Azure DevOps), or any response whose remaining quota is 0 (the
 * next call would fail). The time is Retry-After, else X-RateLimit-Reset (epoch seconds), else a
 * minute from now. Null when the caller may go on.
 */
export function rateLimitedUntil(status: number, headers: ResponseHeaders, now: Date): Date | null {
  const retryAfter = retryAfterTime(header(headers, "retry-after"), now);
  const remaining = header(headers, "x-ratelimit-remaining");
  const exhausted = remaining !== null && remaining.trim() === "0";
  const limited = status === 429 || ((status === 403 || status === 503) && (retryAfter !== null || exhausted)) || exhausted;
  if (!limited) return null;
  if (retryAfter) return retryAfter;
  const reset = header(headers, "x-ratelimit-reset");
  if (reset && /^\d{1,12}$/.test(reset.trim())) return new Date(Number(reset.trim()) * 1000);
  return new Date(now.getTime() + 60_000);
}

/** The rel="next" target of an RFC 8288 Link header (GitHub's paging), or null. */
export function nextLink(linkHeader: string | null): string | null {
  if (!linkHeader || linkHeader.length > MAX_HEADER) return null;
  for (const part of linkHeader.split(",")) {
    const open = part.indexOf("<");
    const close = part.indexOf(">", open + 1);
    if (open < 0 || close < 0) continue;
    const params = part.slice(close + 1).split(";").map((p) => p.trim().toLowerCase());
    if (params.some((p) => p === 'rel="next"' || p === "rel=next")) return part.slice(open + 1, close).trim();
  }
  return null;
}


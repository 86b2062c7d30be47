// When to try a failed delivery again (DESIGN section 6.4): exponential backoff with jitter for
// about a day, Retry-After honoured within bounds, 410 Gone (and permanent Slack errors) stop at once.

/** Delays after attempts 1…9; the 10th failed attempt makes the delivery dead (≈ 22.7 h in all). */
export const RETRY_SCHEDULE_MS = [5, 30, 120, 600, 1800, 3600, 10_800, 21_600, 43_200].map((s) => s * 1000);
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

const RETRY_AFTER_MIN_MS = 1_000;
const RETRY_AFTER_MAX_MS = 6 * 3600_000;
const JITTER = 0.2;

export type AttemptOutcome =
  | { ok: true }
  | { ok: false; statusCode?: number | null; retryAfter?: string | null; permanent?: boolean };

/** Why a failed Send Test is final: a test is one attempt (DESIGN 6.5), like GitHub's ping. */
export const TEST_NOT_RETRIED = "Send Test makes one attempt and is not retried.";

export type RetryDecision =
  | { kind: "succeeded" }
  | { kind: "retry"; delayMs: number }
  | { kind: "dead"; reason: string };

/**
 * `attempt` is the 1-based number of the attempt that just finished; `random` in [0,1) drives the jitter
 * (a parameter so tests are exact); `now` is used to read an HTTP-date Retry-After.
 */
export function nextAttempt(attempt: number, outcome: AttemptOutcome, random = Math.random(), now = Date.now()): RetryDecision {
  if (outcome.ok) return { kind: "succeeded" };
  if (outcome.statusCode === 410) return { kind: "dead", reason: "The receiver answered 410 Gone; no more retries." };
  if (outcome.permanent) return { kind: "dead", reason: "The receiver reported a permanent error; no more retries." };
  if (attempt >= MAX_ATTEMPTS) return { kind: "dead", reason: `Gave up after ${attempt} attempts over about a day.` };
  const base = RETRY_SCHEDULE_MS[attempt - 1];
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random));
  if ((outcome.statusCode === 429 || outcome.statusCode === 503) && outcome.retryAfter) {
    const asked = parseRetryAfter(outcome.retryAfter, now);
    if (asked !== undefined) return { kind: "retry", delayMs: Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, asked)) };
  }
  return { kind: "retry", delayMs: jittered };
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Plain words for what went wrong with an attempt, from its error class (lib/outbound/attempt-errors.ts);
// the raw message (e.g. "getaddrinfo ENOTFOUND hooks.example") stays available behind "Details".
import { MAX_ATTEMPTS } from "@/lib/outbound/retry-policy";

export type AttemptLike = { error_class: string | null; status_code: number | null; status_line?: string | null; error_message?: string | null };

export function attemptProblem(a: AttemptLike): string | null {
  switch (a.error_class) {
    case null:
      return null;
    case "dns":
      return "The receiver's host name could not be found. Check the URL's spelling, or whether its DNS record exists.";
    case "refused":
      return "The receiver refused the connection: nothing is listening at that address and port.";
    case "timeout":
      return "The receiver did not answer in time.";
    case "reset":
      return "The connection closed before the receiver answered.";
    case "tls":
      return "The secure connection failed: check the receiver's TLS certificate.";
    case "blocked_address":
      return "Switchyard did not connect: the address is on a private or internal network, which webhooks may not reach.";
    case "slack_error":
      return "Slack refused the message. The Details say why; a removed channel or revoked hook needs a new Slack URL.";
    case "http_status":
      return `The receiver answered ${a.status_line ?? `HTTP ${a.status_code}`}: only a 2xx answer counts as delivered.`;
    default:
      return "The attempt failed.";
  }
}

/** The delivery's own last error in plain words (the list and drawer summary); raw text stays in Details. */
export function deliveryProblem(d: { status: string; last_error: string | null; last_status_code: number | null; test?: boolean }): string | null {
  if (!d.last_error) return null;
  if (d.test && d.status === "dead") return "Send Test makes one attempt and is not retried.";
  if (/cancelled/i.test(d.last_error)) return "Retries were cancelled by an admin.";
  if (d.status === "dead" && /^Gave up/.test(d.last_error)) return `Switchyard gave up after ${MAX_ATTEMPTS} attempts over about a day.`;
  if (d.last_status_code !== null && d.last_status_code >= 300) return `The receiver answered HTTP ${d.last_status_code}.`;
  return "The receiver could not be reached.";
}

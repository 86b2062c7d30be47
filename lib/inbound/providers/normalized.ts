// The one shape every tracker adapter produces, so sync and the receipt pipeline never need to
// know which tracker a change came from. Adapters read bodies through ../bounded.ts, so every
// string in a NormalizedIssueEvent is capped, clean of NUL and lone surrogates, and safe to store.
import { z } from "zod";
import { cleanText, TRACKER_LIMITS, type Read } from "../bounded";

export type IssueState = "open" | "in_progress" | "closed";

export type NormalizedIssueEvent = {
  action: "upsert" | "delete";
  key: string; // e.g. "octo/repo#12", "PROJ-7", "42"; at most TRACKER_LIMITS.key
  title: string;
  state: IssueState;
  url: string | null; // an absolute http(s) URL
  labels: string[];
  assignee: string | null;
  /** Staleness guards: the tracker's updated time and (ADO) revision; null when not sent. */
  updatedAt: Date | null;
  rev: number | null;
  /** Built by Send Test with identifiers no tracker can produce: verified, recorded, never applied. */
  sentinel: boolean;
  /**
   * Where the tracker says the issue lives: the repository ("owner/repo"), the Jira project key or
   * the Azure DevOps project (and organization when the URLs name one); null when the event names none.
   */
  scope: { project: string | null; organization?: string | null };
};

export type ParseResult =
  | { kind: "issue"; eventName: string; event: NormalizedIssueEvent }
  | { kind: "ignored"; eventName: string; reason: string }
  | { kind: "malformed"; eventName: string; message: string };

/** The integration's settings as stored (issue_integrations.config). */
export type IntegrationConfig = Record<string, unknown>;

/** What each adapter exports: pure functions of the parsed JSON body and the request headers. */
export type ProviderAdapter = {
  /** The event name to record; `body` is undefined before it is verified and parsed (then only headers count). */
  eventName(body: unknown, headers: Headers): string;
  deliveryId(body: unknown, headers: Headers): Read<string | null>;
  parse(body: unknown, headers: Headers): ParseResult;
  /** Why `event` is outside the integration's repository / project (a 200 "ignored"), or null when inside. */
  outOfScope(event: NormalizedIssueEvent, config: IntegrationConfig): string | null;
};

export function malformed(eventName: string, error: z.ZodError, prefix: (string | number)[] = []): ParseResult {
  const first = error.issues[0];
  const path = [...prefix, ...(first?.path ?? [])].map(String).join(".") || "(body)";
  return { kind: "malformed", eventName, message: cleanText(`${path}: ${first?.message ?? "invalid"}`, TRACKER_LIMITS.reason) };
}

/** A reason naming a tracker value (an event name, an action), cleaned and cut so it is safe to record. */
export function reasonWith(template: (value: string) => string, value: string): string {
  return cleanText(template(cleanText(value, TRACKER_LIMITS.eventName)), TRACKER_LIMITS.reason);
}

/** Case-insensitive equality of a tracker's scope value and the configured one (trackers treat names so). */
export function sameName(sent: string | null | undefined, configured: unknown): boolean {
  return typeof configured === "string" && typeof sent === "string" && sent.toLowerCase() === configured.trim().toLowerCase();
}

/** A scope refusal: "another repository (octo/other)". */
export function another(what: string, sent: string | null | undefined): string {
  return sent ? cleanText(`another ${what} (${sent})`, TRACKER_LIMITS.reason) : `the event names no ${what}`;
}

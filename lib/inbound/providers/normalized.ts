// The one shape every tracker adapter produces, so sync and the receipt pipeline never need to
// know which tracker a change came from.
import { z } from "zod";

export type IssueState = "open" | "in_progress" | "closed";

export type NormalizedIssueEvent = {
  action: "upsert" | "delete";
  key: string; // e.g. "octo/repo#12", "PROJ-7", "42"
  title: string;
  state: IssueState;
  url: string | null;
  labels: string[];
  assignee: string | null;
  /** Staleness guards: the tracker's updated time and (ADO) revision; null when not sent. */
  updatedAt: Date | null;
  rev: number | null;
  /** Built by Send Test with identifiers no tracker can produce: verified, recorded, never applied. */
  sentinel: boolean;
};

export type ParseResult =
  | { kind: "issue"; eventName: string; event: NormalizedIssueEvent }
  | { kind: "ignored"; eventName: string; reason: string }
  | { kind: "malformed"; eventName: string; message: string };

/** What each adapter exports: pure functions of the parsed JSON body and the request headers. */
export type ProviderAdapter = {
  eventName(body: unknown, headers: Headers): string;
  deliveryId(body: unknown, headers: Headers): string | null;
  parse(body: unknown, headers: Headers): ParseResult;
};

export function malformed(eventName: string, error: z.ZodError): ParseResult {
  const first = error.issues[0];
  return { kind: "malformed", eventName, message: `${first?.path.join(".") || "(body)"}: ${first?.message ?? "invalid"}` };
}

/** Accepts ISO-8601 with or without a colon in the offset (Jira sends "+0800"); null when unparseable. */
export function parseTrackerDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(d.getTime()) ? null : d;
}

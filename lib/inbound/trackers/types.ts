// What every tracker API adapter produces for reconciliation (lib/inbound/reconcile.ts).
import type { NormalizedIssueEvent, ParseResult } from "../providers/normalized";

/** The API credential: a token (GitHub fine-grained token, Azure DevOps PAT, Jira API token or Data Center PAT) and, for Jira Cloud, the account email (which makes it Cloud: trackers/jira.ts). */
export type TrackerCredential = { token: string; email?: string };

export type ChangedPage = {
  events: NormalizedIssueEvent[];
  /** Items the tracker sent that could not be read (malformed), in plain words. */
  unreadable: string[];
  /** Set when this page spent the last of the quota: stop before the next call. */
  rateLimitedUntil: Date | null;
};

export type TrackerClient = {
  /** "Connected as …": the account the credential belongs to, after checking it can see the project. */
  whoAmI(): Promise<string>;
  /** Issues changed at or after `since` (all when null), oldest change first. */
  changed(since: Date | null, opts: { pageSize: number; maxItems: number }): AsyncGenerator<ChangedPage>;
  /** Of `keys` (at most `missingBatch`), those the tracker confirms no longer exist. */
  missing(keys: string[]): Promise<string[]>;
  missingBatch: number;
};

/** Builds a page from provider-adapter parses: the events, and why the others were unreadable. */
export function pageOf(parses: { label: string; parsed: ParseResult }[], rateLimitedUntil: Date | null): ChangedPage {
  const page: ChangedPage = { events: [], unreadable: [], rateLimitedUntil };
  for (const { label, parsed } of parses) {
    if (parsed.kind === "issue") page.events.push(parsed.event);
    else page.unreadable.push(`${label}: ${parsed.kind === "malformed" ? parsed.message : parsed.reason}`.slice(0, 300));
  }
  return page;
}

/** A base URL as an origin + path prefix without a trailing slash. */
export function baseUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

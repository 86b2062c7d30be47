// Jira's REST API in the dialect of the integration's deployment (jiraDeployment: the credential's kind
// is the one source):
// - Jira Cloud, REST API v3 (account email + API token, Basic): GET /rest/api/3/myself, the project's
//   issues changed since a time (POST /rest/api/3/search/jql with `updated >= …`, nextPageToken paging),
//   POST /rest/api/3/issue/bulkfetch to confirm which linked issues are gone.
// - Jira Data Center / Server 8.x–10.x, REST API v2 (a personal access token alone, Bearer): GET
//   /rest/api/2/myself, POST /rest/api/2/search with `jql`, `startAt`, `maxResults`, `fields` (offset
//   paging, `total` in the reply), and the same search for `key in (…)` without JQL validation (a key
//   that no longer exists is a warning there, not an error) to confirm which are gone.
// A search result has the webhook payload's `issue` shape in both (v2's description is a plain string,
// v3's ADF; neither is read), so it is read by the webhook adapter.
import "server-only";
import { jira } from "../providers/jira";
import { trackerRequest, TrackerError, type TrackerResponse } from "./http";
import { baseUrl, pageOf, type ChangedPage, type TrackerClient, type TrackerCredential } from "./types";

const FIELDS = ["summary", "status", "labels", "assignee", "updated"];
const MISSING_BATCH = 100;

export type JiraDeployment = "cloud" | "data_center";

/** Cloud takes the account email with its API token; Data Center a personal access token alone. */
export function jiraDeployment(credential: TrackerCredential): JiraDeployment {
  return credential.email ? "cloud" : "data_center";
}

/**
 * The JQL for changes at or after `since`. JQL reads absolute dates in the API user's own time zone
 * and to the minute, so the bound is relative ("-125m"), rounded outwards; re-reading a change is harmless.
 */
export function changedJql(projectKey: string, since: Date | null, now: Date): string {
  const project = `project = "${projectKey.replace(/["\\]/g, "")}"`;
  if (!since) return `${project} ORDER BY updated ASC`;
  const minutes = Math.max(1, Math.ceil((now.getTime() - since.getTime()) / 60_000) + 1);
  return `${project} AND updated >= "-${minutes}m" ORDER BY updated ASC`;
}

/** The JQL naming exactly these issue keys (keys are checked issue keys: letters, digits, `_`, `-`). */
export function keysJql(keys: string[]): string {
  return `key in (${keys.map((k) => `"${k.replace(/["\\]/g, "")}"`).join(", ")})`;
}

/**
 * Where the next Data Center page starts: after the issues read so far, while the reply's `total`
 * says there are more; null when done (an empty page also ends, so a shrinking result cannot loop).
 */
export function nextStartAt(startAt: number, received: number, total: unknown): number | null {
  const next = startAt + received;
  return received > 0 && typeof total === "number" && next < total ? next : null;
}

type Call = (method: "GET" | "POST", path: string, body?: unknown) => Promise<TrackerResponse>;
type SearchReply = { issues?: unknown; nextPageToken?: unknown; isLast?: unknown; total?: unknown } | null;

/** A search reply's issues as a page; TrackerError when the reply has no issues list. */
function searchPage(res: TrackerResponse): { body: NonNullable<SearchReply>; issues: unknown[]; page: ChangedPage } {
  const body = res.json as SearchReply;
  if (!body || !Array.isArray(body.issues)) throw new TrackerError("malformed", "Jira's search answer had no issues list.");
  const issues: unknown[] = body.issues;
  const page = pageOf(
    issues.map((issue) => ({
      label: String((issue as { key?: unknown } | null)?.key ?? "an issue").slice(0, 50),
      parsed: jira.parse({ webhookEvent: "jira:issue_updated", issue }, new Headers()),
    })),
    res.rateLimitedUntil,
  );
  return { body, issues, page };
}

/** Of `asked`, those not among the issues of a reply. */
function absent(asked: string[], found: unknown, what: string): string[] {
  if (!Array.isArray(found)) throw new TrackerError("malformed", `Jira's ${what} answer had no issues list.`);
  const present = new Set(found.map((i: { key?: unknown } | null) => i?.key));
  return asked.filter((k) => !present.has(k));
}

/** The calls that differ between Cloud (v3) and Data Center (v2). */
type Dialect = {
  api: string;
  changed(call: Call, jql: string, opts: { pageSize: number; maxItems: number }): AsyncGenerator<ChangedPage>;
  missing(call: Call, keys: string[]): Promise<string[]>;
};

const DIALECTS: Record<JiraDeployment, Dialect> = {
  cloud: {
    api: "/rest/api/3",
    async *changed(call, jql, { pageSize, maxItems }) {
      let nextPageToken: string | undefined;
      let seen = 0;
      do {
        const res = await call("POST", "/rest/api/3/search/jql", { jql, fields: FIELDS, maxResults: pageSize, ...(nextPageToken ? { nextPageToken } : {}) });
        const { body, issues, page } = searchPage(res);
        seen += issues.length;
        yield page;
        if (res.rateLimitedUntil) return;
        // Jira leaves nextPageToken out on the last page (and documents isLast); an empty page also ends.
        nextPageToken = body.isLast !== true && issues.length && typeof body.nextPageToken === "string" && body.nextPageToken.length <= 4096 ? body.nextPageToken : undefined;
      } while (nextPageToken && seen < maxItems);
    },
    async missing(call, keys) {
      const res = await call("POST", "/rest/api/3/issue/bulkfetch", { issueIdsOrKeys: keys, fields: ["updated"] });
      return absent(keys, (res.json as { issues?: unknown } | null)?.issues, "bulk fetch");
    },
  },
  data_center: {
    api: "/rest/api/2",
    async *changed(call, jql, { pageSize, maxItems }) {
      let startAt: number | null = 0;
      do {
        const res = await call("POST", "/rest/api/2/search", { jql, startAt, maxResults: pageSize, fields: FIELDS });
        const { body, issues, page } = searchPage(res);
        yield page;
        if (res.rateLimitedUntil) return;
        startAt = nextStartAt(startAt, issues.length, body.total);
      } while (startAt !== null && startAt < maxItems);
    },
    async missing(call, keys) {
      const res = await call("POST", "/rest/api/2/search", { jql: keysJql(keys), startAt: 0, maxResults: keys.length, fields: ["updated"], validateQuery: false });
      return absent(keys, (res.json as { issues?: unknown } | null)?.issues, "search");
    },
  },
};

export function jiraTracker(config: Record<string, string>, credential: TrackerCredential): TrackerClient {
  const site = baseUrl(config.site_url);
  const deployment = jiraDeployment(credential);
  const dialect = DIALECTS[deployment];
  const authorization =
    deployment === "cloud" ? `Basic ${Buffer.from(`${credential.email}:${credential.token}`).toString("base64")}` : `Bearer ${credential.token}`;
  const call: Call = (method, path, body) => trackerRequest({ method, url: `${site}${path}`, headers: { authorization }, body });

  return {
    missingBatch: MISSING_BATCH,
    async whoAmI() {
      const me = (await call("GET", `${dialect.api}/myself`)).json as { displayName?: unknown; emailAddress?: unknown; name?: unknown } | null;
      await call("GET", `${dialect.api}/project/${encodeURIComponent(config.project_key)}`).catch((err) => {
        if (err instanceof TrackerError && err.kind === "not_found") throw new TrackerError("not_found", `The account cannot see the Jira project ${config.project_key}.`);
        throw err;
      });
      const name = [me?.displayName, me?.emailAddress, me?.name].find((v): v is string => typeof v === "string" && v.length > 0) ?? "an unnamed account";
      return name.slice(0, 200);
    },
    changed(since, opts) {
      return dialect.changed(call, changedJql(config.project_key, since, new Date()), opts);
    },
    async missing(keys) {
      const asked = keys.slice(0, MISSING_BATCH);
      return asked.length ? dialect.missing(call, asked) : [];
    },
  };
}

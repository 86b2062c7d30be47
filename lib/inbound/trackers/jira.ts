// Jira Cloud REST API v3: GET /rest/api/3/myself, the project's issues changed since a time
// (POST /rest/api/3/search/jql with `updated >= …`, nextPageToken paging), and POST
// /rest/api/3/issue/bulkfetch to confirm which linked issues are gone. A search result has the
// webhook payload's `issue` shape, so it is read by the webhook adapter.
// Credential: account email + API token (Basic); a token alone is sent as a Bearer PAT (Data Center).
import "server-only";
import { jira } from "../providers/jira";
import { trackerRequest, TrackerError } from "./http";
import { baseUrl, pageOf, type TrackerClient, type TrackerCredential } from "./types";

const FIELDS = ["summary", "status", "labels", "assignee", "updated"];

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

export function jiraTracker(config: Record<string, string>, credential: TrackerCredential): TrackerClient {
  const site = baseUrl(config.site_url);
  const authorization = credential.email
    ? `Basic ${Buffer.from(`${credential.email}:${credential.token}`).toString("base64")}`
    : `Bearer ${credential.token}`;
  const call = (method: "GET" | "POST", path: string, body?: unknown) => trackerRequest({ method, url: `${site}${path}`, headers: { authorization }, body });

  return {
    missingBatch: 100,
    async whoAmI() {
      const me = (await call("GET", "/rest/api/3/myself")).json as { displayName?: unknown; emailAddress?: unknown } | null;
      await call("GET", `/rest/api/3/project/${encodeURIComponent(config.project_key)}`).catch((err) => {
        if (err instanceof TrackerError && err.kind === "not_found") throw new TrackerError("not_found", `The account cannot see the Jira project ${config.project_key}.`);
        throw err;
      });
      const name = typeof me?.displayName === "string" ? me.displayName : typeof me?.emailAddress === "string" ? me.emailAddress : "an unnamed account";
      return name.slice(0, 200);
    },
    async *changed(since, { pageSize, maxItems }) {
      const jql = changedJql(config.project_key, since, new Date());
      let nextPageToken: string | undefined;
      let seen = 0;
      do {
        const res = await call("POST", "/rest/api/3/search/jql", { jql, fields: FIELDS, maxResults: pageSize, ...(nextPageToken ? { nextPageToken } : {}) });
        const body = res.json as { issues?: unknown; nextPageToken?: unknown; isLast?: unknown } | null;
        if (!body || !Array.isArray(body.issues)) throw new TrackerError("malformed", "Jira's search answer had no issues list.");
        seen += body.issues.length;
        yield pageOf(
          body.issues.map((issue: { key?: unknown }) => ({
            label: String(issue?.key ?? "an issue").slice(0, 50),
            parsed: jira.parse({ webhookEvent: "jira:issue_updated", issue }, new Headers()),
          })),
          res.rateLimitedUntil,
        );
        if (res.rateLimitedUntil) return;
        // Jira leaves nextPageToken out on the last page (and documents isLast); an empty page also ends.
        nextPageToken = body.isLast !== true && body.issues.length && typeof body.nextPageToken === "string" && body.nextPageToken.length <= 4096 ? body.nextPageToken : undefined;
      } while (nextPageToken && seen < maxItems);
    },
    async missing(keys) {
      const asked = keys.slice(0, this.missingBatch);
      if (!asked.length) return [];
      const res = await call("POST", "/rest/api/3/issue/bulkfetch", { issueIdsOrKeys: asked, fields: ["updated"] });
      const found = (res.json as { issues?: { key?: unknown }[] } | null)?.issues;
      if (!Array.isArray(found)) throw new TrackerError("malformed", "Jira's bulk fetch answer had no issues list.");
      const present = new Set(found.map((i) => i?.key));
      return asked.filter((k) => !present.has(k));
    },
  };
}

// GitHub REST API (github.com or Enterprise Server at its /api/v3 base): GET /user, the repository's
// issues changed since a time (GET /repos/{owner}/{repo}/issues?since=…&state=all, Link-header
// paging, pull requests left out), and GET …/issues/{n} to confirm an issue is gone.
// An API issue has the webhook payload's `issue` shape, so it is read by the webhook adapter.
import "server-only";
import { github } from "../providers/github";
import { trackerRequest, TrackerError } from "./http";
import { header, nextLink } from "./responses";
import { baseUrl, pageOf, type TrackerClient, type TrackerCredential } from "./types";

export const GITHUB_API = "https://api.github.com";
const ISSUES_EVENT = new Headers({ "x-github-event": "issues" });

type ApiIssue = { number?: unknown; pull_request?: unknown; repository_url?: unknown };

export function githubTracker(config: Record<string, string>, credential: TrackerCredential): TrackerClient {
  const api = baseUrl(config.api_url || GITHUB_API);
  const origin = new URL(api).origin;
  const repository = config.repository;
  const headers = { authorization: `Bearer ${credential.token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
  const get = (url: string, okStatuses?: number[]) => trackerRequest({ method: "GET", url, headers }, { okStatuses });

  return {
    missingBatch: 20,
    async whoAmI() {
      const me = await get(`${api}/user`);
      const login = (me.json as { login?: unknown } | null)?.login;
      await get(`${api}/repos/${repository}`).catch((err) => {
        if (err instanceof TrackerError && err.kind === "not_found") throw new TrackerError("not_found", `The token cannot see ${repository}: grant it read access to the repository's issues.`);
        throw err;
      });
      return typeof login === "string" ? login.slice(0, 200) : "an unnamed account";
    },
    async *changed(since, { pageSize, maxItems }) {
      const query = new URLSearchParams({ state: "all", sort: "updated", direction: "asc", per_page: String(pageSize) });
      if (since) query.set("since", since.toISOString());
      let url: string | null = `${api}/repos/${repository}/issues?${query}`;
      let seen = 0;
      while (url && seen < maxItems) {
        const res = await get(url);
        if (!Array.isArray(res.json)) throw new TrackerError("malformed", "GitHub's issue list was not a JSON array.");
        const items = (res.json as ApiIssue[]).filter((i) => i && typeof i === "object" && !("pull_request" in i && i.pull_request));
        seen += res.json.length;
        yield pageOf(
          items.map((issue) => ({
            label: `#${String(issue.number).slice(0, 20)}`,
            parsed: github.parse({ action: "edited", issue, repository: { full_name: fullName(issue, repository) } }, ISSUES_EVENT),
          })),
          res.rateLimitedUntil,
        );
        if (res.rateLimitedUntil) return;
        const next = nextLink(header(res.headers, "link"));
        // The credential goes only to the configured API origin, whatever a Link header says.
        url = next && sameOrigin(next, origin) ? next : null;
      }
    },
    async missing(keys) {
      const gone: string[] = [];
      await get(`${api}/repos/${repository}`);
      for (const key of keys.slice(0, this.missingBatch)) {
        const number = key.slice(key.lastIndexOf("#") + 1);
        if (!/^\d{1,10}$/.test(number)) continue;
        // Deleted issues answer 404 (410 when the repository's issues were turned off); the repository
        // itself answered 200 just before, so neither means the credential lost access.
        const res = await get(`${api}/repos/${repository}/issues/${number}`, [404, 410]);
        if (res.status === 404 || res.status === 410) gone.push(key);
      }
      return gone;
    },
  };
}

/** owner/repo as GitHub spells it (the webhook's repository.full_name), from the issue's repository_url. */
function fullName(issue: ApiIssue, configured: string): string {
  const url = typeof issue.repository_url === "string" ? issue.repository_url : "";
  const parts = url.split("/");
  const [owner, repo] = parts.slice(-2);
  return parts.length >= 2 && owner && repo && `${owner}/${repo}`.toLowerCase() === configured.toLowerCase() ? `${owner}/${repo}` : configured;
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

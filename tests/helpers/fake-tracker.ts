// A fake issue tracker on 127.0.0.1 serving the REST shapes reconciliation reads, for all three
// trackers at once: GitHub (issue objects typed by @octokit/openapi-types), Jira Cloud (v3: search/jql,
// bulkfetch, myself), Jira Data Center (v2: search with startAt/total, myself; a Bearer personal access
// token) and Azure DevOps (connectionData, WIQL, workitemsbatch), shaped after the
// providers' documented examples. Tests change its issues, make it rate limit or fail, and read the
// requests it received. No real tracker is ever contacted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { components } from "@octokit/openapi-types";

type GithubIssue = components["schemas"]["issue"];
type SimpleUser = components["schemas"]["simple-user"];

export type FakeIssue = {
  /** GitHub number, Jira key or ADO id, as the tracker names it. */
  key: string;
  title: string;
  state: "open" | "in_progress" | "closed";
  labels: string[];
  assignee: string | null;
  updatedAt: Date;
  rev: number;
  pullRequest?: boolean;
};

export const FAKE_CREDENTIALS = {
  github: { token: "github_pat_fake0123456789abcdef" },
  jira: { email: "sync-bot@example.test", token: "ATATT3xFfGF0fakejiratoken" },
  /** A Data Center personal access token: no email, sent as Bearer. Same site and issues as `jira`. */
  jira_data_center: { token: "NjM0ODk3MjE0OTkzOmZha2VEYXRhQ2VudGVyUEFU" },
  azure_devops: { token: "adopatfake0123456789abcdefghij" },
};
export const GITHUB_REPO = "Codertocat/Hello-World";
export const JIRA_PROJECT = "QA";
export const ADO_ORG = "acme-test";
export const ADO_PROJECT = "Checkout";

type Recorded = { method: string; path: string; authorization: string | null; body: unknown };

export class FakeTracker {
  readonly github = new Map<string, FakeIssue>();
  readonly jira = new Map<string, FakeIssue>();
  readonly ado = new Map<string, FakeIssue>();
  readonly requests: Recorded[] = [];
  /** Requests answered before the quota runs out (then 403/429 with the tracker's headers). */
  quota: number | null = null;
  rateLimitReset = new Date(Date.now() + 3600_000);
  /** Statuses to answer the next requests with, one each. */
  failures: number[] = [];
  /** While set, every request is recorded and then waits for it: a sync that is still running. */
  private gate: Promise<void> | null = null;
  /** Where GitHub's Link header points (another origin, to check the credential never follows it). */
  linkBase: string | null = null;
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Holds every request from now until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  /** Creates or changes an issue upstream: its updated time and revision move forward. */
  change(tracker: "github" | "jira" | "ado", key: string, patch: Partial<Omit<FakeIssue, "key" | "rev">> = {}): FakeIssue {
    const map = this[tracker];
    const before = map.get(key);
    const issue: FakeIssue = {
      key,
      title: `Issue ${key}`,
      state: "open",
      labels: [],
      assignee: null,
      ...before,
      ...patch,
      updatedAt: patch.updatedAt ?? new Date(Math.max(Date.now(), (before?.updatedAt.getTime() ?? 0) + 1000)),
      rev: (before?.rev ?? 0) + 1,
    };
    map.set(key, issue);
    return issue;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    this.requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, authorization: req.headers.authorization ?? null, body });
    if (this.gate) await this.gate;
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(json));
    };
    const failure = this.failures.shift();
    if (failure) return send(failure, { message: "fake failure" });
    if (this.quota !== null && this.quota-- <= 0) {
      const reset = String(Math.floor(this.rateLimitReset.getTime() / 1000));
      return url.pathname.startsWith("/rest/")
        ? send(429, { errorMessages: ["Rate limit exceeded."] }, { "retry-after": String(Math.ceil((this.rateLimitReset.getTime() - Date.now()) / 1000)) })
        : send(403, { message: "API rate limit exceeded" }, { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    }
    const p = url.pathname;
    if (p.startsWith("/rest/api/2/")) return this.jiraDataCenterRoute(req.method!, p, body, req.headers.authorization, send);
    if (p.startsWith("/rest/api/3/")) return this.jiraRoute(req.method!, p, body, req.headers.authorization, send);
    if (p.startsWith(`/${ADO_ORG}/`)) return this.adoRoute(req.method!, p, body, req.headers.authorization, send);
    return this.githubRoute(p, url.searchParams, req.headers.authorization, send);
  }

  // ── GitHub ─────────────────────────────────────────────────────────────────

  private githubRoute(p: string, q: URLSearchParams, auth: string | undefined, send: Send): void {
    if (auth !== `Bearer ${FAKE_CREDENTIALS.github.token}`) return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const headers = { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": String(this.quota ?? 4999), "x-ratelimit-reset": String(Math.floor(this.rateLimitReset.getTime() / 1000)) };
    if (p === "/user") return send(200, githubUser("sync-bot"), headers);
    if (p === `/repos/${GITHUB_REPO}`) return send(200, { id: 1296269, name: "Hello-World", full_name: GITHUB_REPO, private: false }, headers);
    const one = p.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/);
    if (one) {
      const issue = this.github.get(one[1]);
      return issue ? send(200, githubIssue(this.url, issue), headers) : send(404, { message: "Not Found" }, headers);
    }
    if (p === `/repos/${GITHUB_REPO}/issues`) {
      const since = q.get("since") ? new Date(q.get("since")!) : null;
      const perPage = Number(q.get("per_page") ?? 30);
      const page = Number(q.get("page") ?? 1);
      const all = sorted(this.github).filter((i) => !since || i.updatedAt >= since);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const links: string[] = [];
      const link = (n: number, rel: string) => {
        const next = new URLSearchParams(q);
        next.set("page", String(n));
        links.push(`<${this.linkBase ?? this.url}/repositories/1296269/issues?${next}>; rel="${rel}"`);
      };
      if (page * perPage < all.length) link(page + 1, "next"), link(Math.ceil(all.length / perPage), "last");
      return send(200, slice.map((i) => githubIssue(this.url, i)), { ...headers, ...(links.length ? { link: links.join(", ") } : {}) });
    }
    if (p === "/repositories/1296269/issues") return this.githubRoute(`/repos/${GITHUB_REPO}/issues`, q, auth, send);
    return send(404, { message: "Not Found" });
  }

  // ── Jira Cloud ─────────────────────────────────────────────────────────────

  private jiraRoute(method: string, p: string, body: any, auth: string | undefined, send: Send) {
    const { email, token } = FAKE_CREDENTIALS.jira;
    if (auth !== `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`) return send(401, { errorMessages: ["You are not authenticated."], errors: {} });
    if (p === "/rest/api/3/myself") {
      return send(200, { self: `${this.url}/rest/api/3/user?accountId=5b10a2844c20165700ede21g`, accountId: "5b10a2844c20165700ede21g", accountType: "atlassian", emailAddress: email, displayName: "Sync Bot", active: true, timeZone: "Australia/Sydney", locale: "en_US" });
    }
    if (p === `/rest/api/3/project/${JIRA_PROJECT}`) return send(200, { id: "10000", key: JIRA_PROJECT, name: "Quality", self: `${this.url}/rest/api/3/project/10000` });
    if (method === "POST" && p === "/rest/api/3/search/jql") {
      const minutes = /updated >= "-(\d+)m"/.exec(body.jql)?.[1];
      const since = minutes ? new Date(Date.now() - Number(minutes) * 60_000) : null;
      const all = sorted(this.jira).filter((i) => !since || i.updatedAt >= since);
      const start = Number(body.nextPageToken ?? 0);
      const slice = all.slice(start, start + (body.maxResults ?? 50));
      const more = start + slice.length < all.length;
      return send(200, { issues: slice.map((i) => jiraIssue(this.url, i)), ...(more ? { nextPageToken: String(start + slice.length) } : {}), isLast: !more });
    }
    if (method === "POST" && p === "/rest/api/3/issue/bulkfetch") {
      const keys: string[] = body.issueIdsOrKeys;
      const found = keys.filter((k) => this.jira.has(k));
      return send(200, {
        expand: "schema,names",
        issues: found.map((k) => jiraIssue(this.url, this.jira.get(k)!)),
        issueErrors: keys.filter((k) => !this.jira.has(k)).map((k) => ({ issueIdOrKey: k, errorMessage: "Issue does not exist or you do not have permission to see it." })),
      });
    }
    return send(404, { errorMessages: ["Not found"], errors: {} });
  }

  // ── Jira Data Center / Server (REST API v2) ────────────────────────────────

  private jiraDataCenterRoute(method: string, p: string, body: any, auth: string | undefined, send: Send) {
    if (auth !== `Bearer ${FAKE_CREDENTIALS.jira_data_center.token}`) return send(401, { errorMessages: ["You are not authenticated. Authentication required to perform this operation."], errors: {} });
    if (p === "/rest/api/2/myself") {
      return send(200, {
        self: `${this.url}/rest/api/2/user?username=sync-bot`, key: "JIRAUSER10100", name: "sync-bot", emailAddress: "sync-bot@example.test",
        avatarUrls: { "48x48": `${this.url}/secure/useravatar?avatarId=10122` }, displayName: "Sync Bot", active: true, deleted: false,
        timeZone: "Europe/Berlin", locale: "en_US", groups: { size: 1, items: [] }, applicationRoles: { size: 1, items: [] }, expand: "groups,applicationRoles",
      });
    }
    if (p === `/rest/api/2/project/${JIRA_PROJECT}`) {
      return send(200, { expand: "description,lead,url,projectKeys", self: `${this.url}/rest/api/2/project/10000`, id: "10000", key: JIRA_PROJECT, name: "Quality", projectTypeKey: "software", archived: false });
    }
    if (method === "POST" && p === "/rest/api/2/search") {
      const startAt = Number(body.startAt ?? 0);
      const maxResults = Math.min(Number(body.maxResults ?? 50), 1000); // jira.search.views.default.max
      const keys = /^key in \((.*)\)$/.exec(body.jql)?.[1]?.split(", ").map((k: string) => k.slice(1, -1));
      let all: FakeIssue[];
      const warningMessages: string[] = [];
      if (keys) {
        const unknown = keys.filter((k) => !this.jira.has(k));
        const message = (k: string) => `An issue with key '${k}' does not exist for field 'key'.`;
        if (unknown.length && body.validateQuery !== false) return send(400, { errorMessages: unknown.map(message), errors: {} });
        warningMessages.push(...unknown.map(message));
        all = keys.filter((k) => this.jira.has(k)).map((k) => this.jira.get(k)!);
      } else {
        const minutes = /updated >= "-(\d+)m"/.exec(body.jql)?.[1];
        const since = minutes ? new Date(Date.now() - Number(minutes) * 60_000) : null;
        all = sorted(this.jira).filter((i) => !since || i.updatedAt >= since);
      }
      const fields: string[] | undefined = body.fields;
      return send(200, {
        expand: "schema,names", startAt, maxResults, total: all.length,
        issues: all.slice(startAt, startAt + maxResults).map((i) => jiraIssueV2(this.url, i, fields)),
        ...(warningMessages.length ? { warningMessages } : {}),
      });
    }
    return send(404, { errorMessages: ["Not found"], errors: {} });
  }

  // ── Azure DevOps ───────────────────────────────────────────────────────────

  private adoRoute(method: string, p: string, body: any, auth: string | undefined, send: Send) {
    if (auth !== `Basic ${Buffer.from(`:${FAKE_CREDENTIALS.azure_devops.token}`).toString("base64")}`) return send(401, { message: "TF400813: The user is not authorized to access this resource." });
    const base = `/${ADO_ORG}`;
    if (p === `${base}/_apis/connectionData`) {
      return send(200, {
        authenticatedUser: { id: "aa7d2b1e-0000-4000-8000-000000000001", descriptor: "Microsoft.IdentityModel.Claims.ClaimsIdentity;sync@example.test", providerDisplayName: "Sync Bot", isActive: true, properties: {} },
        authorizedUser: { id: "aa7d2b1e-0000-4000-8000-000000000001", providerDisplayName: "Sync Bot" },
        instanceId: "bb7d2b1e-0000-4000-8000-000000000002",
        locationServiceData: {},
      });
    }
    if (p === `${base}/_apis/projects/${ADO_PROJECT}`) return send(200, { id: "cc7d2b1e-0000-4000-8000-000000000003", name: ADO_PROJECT, state: "wellFormed", visibility: "private" });
    if (method === "POST" && p === `${base}/${ADO_PROJECT}/_apis/wit/wiql`) {
      const bound = /\[System\.ChangedDate\] >= '([^']+)'/.exec(body.query)?.[1];
      const since = bound ? new Date(bound) : null;
      const ids = sorted(this.ado).filter((i) => !since || i.updatedAt >= since).map((i) => Number(i.key));
      return send(200, {
        queryType: "flat",
        queryResultType: "workItem",
        asOf: new Date().toISOString(),
        columns: [{ referenceName: "System.Id", name: "ID", url: `${this.url}/_apis/wit/fields/System.Id` }],
        workItems: ids.map((id) => ({ id, url: `${this.url}${base}/_apis/wit/workItems/${id}` })),
      });
    }
    if (method === "POST" && p === `${base}/${ADO_PROJECT}/_apis/wit/workitemsbatch`) {
      const items = (body.ids as number[]).map((id) => this.ado.get(String(id))).filter((i): i is FakeIssue => !!i);
      return send(200, { count: items.length, value: items.map((i) => adoWorkItem(this.url, i)) });
    }
    return send(404, { message: "Not found" });
  }
}

type Send = (status: number, json: unknown, headers?: Record<string, string>) => void;

function sorted(map: Map<string, FakeIssue>): FakeIssue[] {
  return [...map.values()].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.key.localeCompare(b.key));
}

function githubUser(login: string): SimpleUser {
  const u = `https://api.github.com/users/${login}`;
  return {
    login, id: 1, node_id: "MDQ6VXNlcjE=", avatar_url: "https://github.com/images/error/octocat_happy.gif", gravatar_id: "",
    url: u, html_url: `https://github.com/${login}`, followers_url: `${u}/followers`, following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`, starred_url: `${u}/starred{/owner}{/repo}`, subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`, repos_url: `${u}/repos`, events_url: `${u}/events{/privacy}`, received_events_url: `${u}/received_events`,
    type: "User", site_admin: false,
  };
}

function githubIssue(base: string, i: FakeIssue): GithubIssue {
  const api = `${base}/repos/${GITHUB_REPO}`;
  return {
    id: 1_000_000 + Number(i.key), node_id: `I_kwDO${i.key}`, url: `${api}/issues/${i.key}`, repository_url: api,
    labels_url: `${api}/issues/${i.key}/labels{/name}`, comments_url: `${api}/issues/${i.key}/comments`, events_url: `${api}/issues/${i.key}/events`,
    html_url: `https://github.com/${GITHUB_REPO}/${i.pullRequest ? "pull" : "issues"}/${i.key}`, number: Number(i.key),
    state: i.state === "closed" ? "closed" : "open", state_reason: i.state === "closed" ? "completed" : null, title: i.title, body: "Found during a test run.",
    user: githubUser("Codertocat"),
    labels: i.labels.map((name, n) => ({ id: 208045946 + n, node_id: "MDU6TGFiZWwyMDgwNDU5NDY=", url: `${api}/labels/${name}`, name, description: null, color: "f29513", default: false })),
    assignee: i.assignee ? githubUser(i.assignee) : null, assignees: i.assignee ? [githubUser(i.assignee)] : [],
    milestone: null, locked: false, active_lock_reason: null, comments: 0,
    ...(i.pullRequest ? { pull_request: { url: `${api}/pulls/${i.key}`, html_url: `https://github.com/${GITHUB_REPO}/pull/${i.key}`, diff_url: null, patch_url: null, merged_at: null } } : {}),
    closed_at: i.state === "closed" ? i.updatedAt.toISOString() : null, created_at: "2026-01-01T00:00:00Z", updated_at: i.updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    author_association: "OWNER",
  };
}

/** Jira's timestamps: milliseconds and an offset without a colon, e.g. 2026-05-15T10:20:30.123+0000. */
function jiraTime(d: Date): string {
  return d.toISOString().replace("Z", "+0000");
}

function jiraIssue(base: string, i: FakeIssue) {
  const category = { open: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" }, in_progress: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" }, closed: { id: 3, key: "done", colorName: "green", name: "Done" } }[i.state];
  return {
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    id: String(10000 + Number(i.key.split("-")[1])),
    self: `${base}/rest/api/3/issue/${10000 + Number(i.key.split("-")[1])}`,
    key: i.key,
    fields: {
      summary: i.title,
      status: { self: `${base}/rest/api/3/status/1`, description: "", iconUrl: `${base}/images/icons/statuses/open.png`, name: category.name, id: "1", statusCategory: { self: `${base}/rest/api/3/statuscategory/${category.id}`, ...category } },
      labels: i.labels,
      assignee: i.assignee ? { self: `${base}/rest/api/3/user?accountId=1`, accountId: "1", displayName: i.assignee, active: true, timeZone: "UTC", accountType: "atlassian" } : null,
      updated: jiraTime(i.updatedAt),
    },
  };
}

/** Jira Data Center's v2 issue: REST links under /rest/api/2, a user by name and key, a plain-text description; only the fields asked for. */
function jiraIssueV2(base: string, i: FakeIssue, fields?: string[]) {
  const id = String(10000 + Number(i.key.split("-")[1]));
  const cloud = jiraIssue(base, i);
  const all: Record<string, unknown> = {
    ...cloud.fields,
    status: { ...cloud.fields.status, self: `${base}/rest/api/2/status/1` },
    assignee: i.assignee ? { self: `${base}/rest/api/2/user?username=${encodeURIComponent(i.assignee)}`, name: i.assignee, key: "JIRAUSER10200", emailAddress: "someone@example.test", displayName: i.assignee, active: true, timeZone: "UTC" } : null,
    description: `Found during a test run of ${i.key}.`,
  };
  return {
    expand: "operations,versionedRepresentations,editmeta,changelog,renderedFields",
    id,
    self: `${base}/rest/api/2/issue/${id}`,
    key: i.key,
    fields: fields ? Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k))) : all,
  };
}

function adoWorkItem(base: string, i: FakeIssue) {
  return {
    id: Number(i.key),
    rev: i.rev,
    fields: {
      "System.Id": Number(i.key),
      "System.TeamProject": ADO_PROJECT,
      "System.Title": i.title,
      "System.State": { open: "New", in_progress: "Active", closed: "Closed" }[i.state],
      ...(i.labels.length ? { "System.Tags": i.labels.join("; ") } : {}),
      ...(i.assignee ? { "System.AssignedTo": { displayName: i.assignee, url: `${base}/_apis/Identities/1`, id: "1", uniqueName: "someone@example.test", imageUrl: `${base}/_api/_common/identityImage?id=1`, descriptor: "aad.1" } } : {}),
      "System.ChangedDate": i.updatedAt.toISOString(),
    },
    url: `${base}/${ADO_ORG}/_apis/wit/workItems/${i.key}`,
  };
}

// Azure DevOps REST API (dev.azure.com/{organization}, or a Server collection URL):
// GET _apis/connectionData for "Connected as …", a WIQL query on System.ChangedDate for the ids that
// changed, then POST _apis/wit/workitemsbatch (200 ids a call) for their fields; the same batch with
// errorPolicy "omit" tells which linked work items are gone. A batch item has the shape of the
// workitem.created webhook's `resource`, so it is read by the webhook adapter.
import "server-only";
import { azureDevops } from "../providers/azure-devops";
import { trackerRequest, TrackerError } from "./http";
import { baseUrl, pageOf, type TrackerClient, type TrackerCredential } from "./types";

const API_VERSION = "7.1";
const BATCH = 200;
const FIELDS = ["System.Id", "System.TeamProject", "System.Title", "System.State", "System.Tags", "System.AssignedTo", "System.ChangedDate"];

/** WIQL for the project's work items changed at or after `since` (ISO with timePrecision=true), oldest first. */
export function changedWiql(since: Date | null): string {
  const bound = since ? ` AND [System.ChangedDate] >= '${since.toISOString()}'` : "";
  return `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project${bound} ORDER BY [System.ChangedDate] ASC`;
}

export function azureDevopsTracker(config: Record<string, string>, credential: TrackerCredential): TrackerClient {
  const org = baseUrl(config.api_url || `https://dev.azure.com/${encodeURIComponent(config.organization)}`);
  const project = `${org}/${encodeURIComponent(config.project)}`;
  const authorization = `Basic ${Buffer.from(`:${credential.token}`).toString("base64")}`;
  const call = (method: "GET" | "POST", url: string, body?: unknown) => trackerRequest({ method, url, headers: { authorization }, body });
  const batch = (ids: number[]) =>
    call("POST", `${project}/_apis/wit/workitemsbatch?api-version=${API_VERSION}`, { ids, fields: FIELDS, errorPolicy: "omit" });
  const items = (json: unknown): Record<string, unknown>[] => {
    const value = (json as { value?: unknown } | null)?.value;
    if (!Array.isArray(value)) throw new TrackerError("malformed", "Azure DevOps's work item batch had no value list.");
    return value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object");
  };

  return {
    missingBatch: BATCH,
    async whoAmI() {
      const data = (await call("GET", `${org}/_apis/connectionData`)).json as { authenticatedUser?: { providerDisplayName?: unknown } } | null;
      await call("GET", `${org}/_apis/projects/${encodeURIComponent(config.project)}?api-version=${API_VERSION}`).catch((err) => {
        if (err instanceof TrackerError && err.kind === "not_found") throw new TrackerError("not_found", `The token cannot see the Azure DevOps project ${config.project}.`);
        throw err;
      });
      const name = data?.authenticatedUser?.providerDisplayName;
      return typeof name === "string" ? name.slice(0, 200) : "an unnamed account";
    },
    async *changed(since, { pageSize, maxItems }) {
      const wiql = await call("POST", `${project}/_apis/wit/wiql?api-version=${API_VERSION}&timePrecision=true&$top=${maxItems}`, { query: changedWiql(since) });
      const refs = (wiql.json as { workItems?: { id?: unknown }[] } | null)?.workItems;
      if (!Array.isArray(refs)) throw new TrackerError("malformed", "Azure DevOps's WIQL answer had no workItems list.");
      const ids = refs.map((r) => r?.id).filter((id): id is number => Number.isSafeInteger(id)).slice(0, maxItems);
      if (wiql.rateLimitedUntil) return yield pageOf([], wiql.rateLimitedUntil);
      const size = Math.min(pageSize, BATCH);
      for (let i = 0; i < ids.length; i += size) {
        const res = await batch(ids.slice(i, i + size));
        yield pageOf(
          items(res.json).map((item) => ({
            label: `work item ${String(item.id).slice(0, 20)}`,
            parsed: azureDevops.parse({ eventType: "workitem.created", resource: { ...item, _links: { html: { href: `${project}/_workitems/edit/${item.id}` } } } }, new Headers()),
          })),
          res.rateLimitedUntil,
        );
        if (res.rateLimitedUntil) return;
      }
    },
    async missing(keys) {
      const ids = keys.slice(0, BATCH).map(Number).filter(Number.isSafeInteger);
      if (!ids.length) return [];
      const present = new Set(items((await batch(ids)).json).map((i) => i.id));
      return ids.filter((id) => !present.has(id)).map(String);
    },
  };
}

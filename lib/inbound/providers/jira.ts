// Jira Cloud webhooks (jira:issue_created|updated|deleted) → normalized issue events. The event
// name is in the body (webhookEvent); the delivery id in X-Atlassian-Webhook-Identifier.
import { z } from "zod";
import { malformed, parseTrackerDate, type IssueState, type ProviderAdapter } from "./normalized";

/** Jira issue numbers start at 1, so "<KEY>-0" can only come from our own Send Test. */
export const JIRA_SENTINEL_KEY = "SWITCHYARD-0";

export const EVENTS = new Set(["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]);

const issueEvent = z.object({
  webhookEvent: z.string(),
  timestamp: z.number().optional(),
  issue: z.object({
    key: z.string().min(1),
    self: z.string(),
    fields: z.object({
      summary: z.string(),
      status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).optional() }).nullish(),
      labels: z.array(z.string()).optional(),
      assignee: z.object({ displayName: z.string() }).nullish(),
      updated: z.string().optional(),
    }),
  }),
});

/** Jira's status categories are fixed: new (To Do), indeterminate (In Progress), done. */
function stateOf(status: { name: string; statusCategory?: { key: string } } | null | undefined): IssueState {
  switch (status?.statusCategory?.key) {
    case "done":
      return "closed";
    case "indeterminate":
      return "in_progress";
    default:
      return "open";
  }
}

/** issue.self is the REST URL (https://site/rest/api/2/…); people want https://site/browse/KEY. */
function browseUrl(self: string, key: string): string | null {
  try {
    return `${new URL(self).origin}/browse/${encodeURIComponent(key)}`;
  } catch {
    return null;
  }
}

function eventNameOf(body: unknown): string {
  const name = (body as { webhookEvent?: unknown } | null)?.webhookEvent;
  return typeof name === "string" ? name : "unknown";
}

export const jira: ProviderAdapter = {
  eventName: (body) => eventNameOf(body),
  deliveryId: (_body, headers) => headers.get("x-atlassian-webhook-identifier") || null,
  parse(body) {
    const name = eventNameOf(body);
    if (!EVENTS.has(name)) return { kind: "ignored", eventName: name, reason: `not an issue event (${name})` };
    const parsed = issueEvent.safeParse(body);
    if (!parsed.success) return malformed(name, parsed.error);
    const { issue, timestamp } = parsed.data;
    return {
      kind: "issue",
      eventName: name,
      event: {
        action: name === "jira:issue_deleted" ? "delete" : "upsert",
        key: issue.key,
        title: issue.fields.summary,
        state: stateOf(issue.fields.status),
        url: browseUrl(issue.self, issue.key),
        labels: issue.fields.labels ?? [],
        assignee: issue.fields.assignee?.displayName ?? null,
        updatedAt: parseTrackerDate(issue.fields.updated) ?? (timestamp ? new Date(timestamp) : null),
        rev: null,
        sentinel: issue.key === JIRA_SENTINEL_KEY,
      },
    };
  },
};

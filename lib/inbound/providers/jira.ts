// Jira Cloud webhooks (jira:issue_created|updated|deleted) → normalized issue events. The event
// name is in the body (webhookEvent); the delivery id in X-Atlassian-Webhook-Identifier.
import { z } from "zod";
import { eventNameOf, httpUrl, readDeliveryId, TRACKER_LIMITS, zEpochMs, zHttpUrl, zIdentifier, zList, zText, zTrackerDate } from "../bounded";
import { another, malformed, reasonWith, sameName, type IssueState, type ProviderAdapter } from "./normalized";

/** Jira issue numbers start at 1, so "<KEY>-0" can only come from our own Send Test. */
export const JIRA_SENTINEL_KEY = "SWITCHYARD-0";

export const EVENTS = new Set(["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]);

/** "PROJ-123": a project key, a dash, the issue's number. Checked by hand (no regex on untrusted text). */
function isIssueKey(key: string): boolean {
  const dash = key.lastIndexOf("-");
  if (dash < 1 || dash === key.length - 1) return false;
  for (let i = dash + 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const issueEvent = z.object({
  timestamp: zEpochMs.optional(),
  issue: z.object({
    key: zIdentifier(TRACKER_LIMITS.key).refine(isIssueKey, "must be a Jira issue key like PROJ-7"),
    self: zHttpUrl,
    fields: z.object({
      summary: zText(TRACKER_LIMITS.title),
      status: z.object({ statusCategory: z.object({ key: z.string() }).optional() }).nullish(),
      labels: zList(zText(TRACKER_LIMITS.label), TRACKER_LIMITS.labels * 2).optional(),
      assignee: z.object({ displayName: zText(TRACKER_LIMITS.assignee) }).nullish(),
      updated: zTrackerDate.nullish(),
      project: z.object({ key: zIdentifier(TRACKER_LIMITS.key) }).nullish(),
    }),
  }),
});

/** Jira's status categories are fixed: new (To Do), indeterminate (In Progress), done. */
function stateOf(status: { statusCategory?: { key: string } } | null | undefined): IssueState {
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
  return httpUrl(`${new URL(self).origin}/browse/${encodeURIComponent(key)}`);
}

function webhookEvent(body: unknown): unknown {
  return body && typeof body === "object" ? (body as { webhookEvent?: unknown }).webhookEvent : undefined;
}

export const jira: ProviderAdapter = {
  eventName: (body) => eventNameOf(webhookEvent(body)),
  deliveryId: (_body, headers) => readDeliveryId(headers.get("x-atlassian-webhook-identifier"), "X-Atlassian-Webhook-Identifier"),
  parse(body) {
    const raw = webhookEvent(body);
    const name = eventNameOf(raw);
    if (typeof raw !== "string" || !EVENTS.has(raw)) return { kind: "ignored", eventName: name, reason: reasonWith((n) => `not an issue event (${n})`, name) };
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
        updatedAt: issue.fields.updated ?? (timestamp !== undefined ? new Date(timestamp) : null),
        rev: null,
        sentinel: issue.key === JIRA_SENTINEL_KEY,
        scope: { project: issue.fields.project?.key ?? issue.key.slice(0, issue.key.lastIndexOf("-")) },
      },
    };
  },
  outOfScope: (event, config) => (sameName(event.scope.project, config.project_key) ? null : another("Jira project", event.scope.project)),
};

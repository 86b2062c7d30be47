// GitHub "issues" webhook events → normalized issue events. Event name comes from X-GitHub-Event,
// the delivery id from X-GitHub-Delivery; signature is X-Hub-Signature-256 (see ../signatures.ts).
import { z } from "zod";
import { malformed, parseTrackerDate, type NormalizedIssueEvent, type ProviderAdapter } from "./normalized";

/** GitHub issue numbers start at 1, so number 0 can only come from our own Send Test. */
export const GITHUB_SENTINEL_NUMBER = 0;

export const SYNCED_ACTIONS = new Set(["opened", "edited", "closed", "reopened", "labeled", "unlabeled", "assigned", "unassigned", "deleted"]);

const issuesEvent = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().nonnegative(),
    title: z.string(),
    state: z.enum(["open", "closed"]),
    html_url: z.string(),
    labels: z.array(z.object({ name: z.string() })).optional(),
    assignee: z.object({ login: z.string() }).nullish(),
    updated_at: z.string(),
  }),
  repository: z.object({ full_name: z.string() }),
});

export const github: ProviderAdapter = {
  eventName: (_body, headers) => headers.get("x-github-event") ?? "",
  deliveryId: (_body, headers) => headers.get("x-github-delivery") || null,
  parse(body, headers) {
    const name = headers.get("x-github-event") ?? "";
    if (name !== "issues") return { kind: "ignored", eventName: name || "unknown", reason: `not an issues event (${name || "no X-GitHub-Event"})` };
    const head = z.object({ action: z.string() }).safeParse(body);
    if (!head.success) return malformed("issues", head.error);
    const eventName = `issues.${head.data.action}`;
    if (!SYNCED_ACTIONS.has(head.data.action)) return { kind: "ignored", eventName, reason: `action "${head.data.action}" is not synced` };
    const parsed = issuesEvent.safeParse(body);
    if (!parsed.success) return malformed(eventName, parsed.error);
    const { action, issue, repository } = parsed.data;
    const event: NormalizedIssueEvent = {
      action: action === "deleted" ? "delete" : "upsert",
      key: `${repository.full_name}#${issue.number}`,
      title: issue.title,
      state: issue.state === "closed" ? "closed" : "open",
      url: issue.html_url,
      labels: (issue.labels ?? []).map((l) => l.name),
      assignee: issue.assignee?.login ?? null,
      updatedAt: parseTrackerDate(issue.updated_at),
      rev: null,
      sentinel: issue.number === GITHUB_SENTINEL_NUMBER,
    };
    return { kind: "issue", eventName, event };
  },
};

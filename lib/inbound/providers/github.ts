// GitHub "issues" webhook events → normalized issue events. Event name comes from X-GitHub-Event,
// the delivery id from X-GitHub-Delivery; signature is X-Hub-Signature-256 (see ../signatures.ts).
import { z } from "zod";
import { boundedText, eventNameOf, readDeliveryId, TRACKER_LIMITS, zHttpUrl, zIdentifier, zInt4, zList, zText, zTrackerDate } from "../bounded";
import { another, malformed, reasonWith, sameName, type NormalizedIssueEvent, type ProviderAdapter } from "./normalized";

/** GitHub issue numbers start at 1, so number 0 can only come from our own Send Test. */
export const GITHUB_SENTINEL_NUMBER = 0;

/** owner (≤ 39) + "/" + repository (≤ 100): a key "owner/repo#n" stays within TRACKER_LIMITS.key. */
const REPOSITORY_MAX = 140;
/** GitHub allows at most 100 labels on an issue. */
const LABELS_MAX = 100;

export const SYNCED_ACTIONS = new Set(["opened", "edited", "closed", "reopened", "labeled", "unlabeled", "assigned", "unassigned", "deleted"]);

const issuesEvent = z.object({
  issue: z.object({
    number: zInt4(0),
    title: zText(TRACKER_LIMITS.title),
    state: z.enum(["open", "closed"]),
    html_url: zHttpUrl,
    labels: zList(z.object({ name: zText(TRACKER_LIMITS.label) }), LABELS_MAX).optional(),
    assignee: z.object({ login: zText(TRACKER_LIMITS.assignee) }).nullish(),
    updated_at: zTrackerDate,
    // Present when the "issue" is a pull request (GitHub's issues API serves both).
    pull_request: z.unknown().optional(),
  }),
  repository: z.object({ full_name: zIdentifier(REPOSITORY_MAX) }),
});

function headerEvent(headers: Headers): string | null {
  return boundedText(headers.get("x-github-event"), TRACKER_LIMITS.eventName);
}

export const github: ProviderAdapter = {
  eventName: (_body, headers) => eventNameOf(headerEvent(headers)),
  deliveryId: (_body, headers) => readDeliveryId(headers.get("x-github-delivery"), "X-GitHub-Delivery"),
  parse(body, headers) {
    const name = headerEvent(headers);
    if (name !== "issues") return { kind: "ignored", eventName: eventNameOf(name), reason: reasonWith((n) => `not an issues event (${n})`, name ?? "no X-GitHub-Event") };
    const action = body && typeof body === "object" ? (body as { action?: unknown }).action : undefined;
    if (typeof action !== "string") return { kind: "malformed", eventName: "issues", message: "action: must be text" };
    const eventName = eventNameOf(`issues.${action}`);
    if (!SYNCED_ACTIONS.has(action)) return { kind: "ignored", eventName, reason: reasonWith((a) => `action "${a}" is not synced`, action) };
    const parsed = issuesEvent.safeParse(body);
    if (!parsed.success) return malformed(eventName, parsed.error);
    const { issue, repository } = parsed.data;
    if (issue.pull_request !== undefined) return { kind: "ignored", eventName, reason: "a pull request, not an issue" };
    const event: NormalizedIssueEvent = {
      action: action === "deleted" ? "delete" : "upsert",
      key: `${repository.full_name}#${issue.number}`,
      title: issue.title,
      state: issue.state === "closed" ? "closed" : "open",
      url: issue.html_url,
      labels: (issue.labels ?? []).map((l) => l.name),
      assignee: issue.assignee?.login ?? null,
      updatedAt: issue.updated_at,
      rev: null,
      sentinel: issue.number === GITHUB_SENTINEL_NUMBER,
      scope: { project: repository.full_name },
    };
    return { kind: "issue", eventName, event };
  },
  outOfScope: (event, config) => (sameName(event.scope.project, config.repository) ? null : another("repository", event.scope.project)),
};

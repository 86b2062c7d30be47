// Every audit action code in plain words, in one place: the Audit log page and the audit API both
// read their sentences and filter groups from here. A code missing here still reads sensibly
// (`describeAudit`'s fallback), and a test lists the codes the product writes that lack a sentence.

/** The actor filter's value for rows Switchyard wrote itself (health transitions, secret deadlines). */
export const SYSTEM_ACTOR = "system";

export const AUDIT_GROUPS = {
  webhooks: "Outbound webhooks",
  secrets: "Signing secrets",
  deliveries: "Deliveries",
  inbound: "Inbound webhook and tracker",
  members: "Members and invitations",
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUPS;

/** What the sentence may use: the target's label (already quoted or described) and the row's details. */
export type AuditFacts = { target: string; details: Record<string, unknown> };
type ActionInfo = { group: AuditGroup; say: (f: AuditFacts) => string };

const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const plural = (n: unknown, one: string, many: string) => `${text(n) || "0"} ${Number(n) === 1 ? one : many}`;
const reason = (d: Record<string, unknown>) => (text(d.reason) ? ` (${text(d.reason)})` : "");
const role = (v: unknown) => (v === "admin" ? "an admin" : v === "member" ? "a member" : "a member");

export const AUDIT_ACTIONS: Record<string, ActionInfo> = {
  "outbound_webhook.created": { group: "webhooks", say: ({ target }) => `created the webhook ${target}` },
  "outbound_webhook.updated": {
    group: "webhooks",
    say: ({ target, details }) => {
      const fields = Array.isArray(details.fields) ? details.fields.map(text).filter(Boolean) : [];
      return `edited the webhook ${target}${fields.length ? ` (${fields.join(", ")})` : ""}`;
    },
  },
  "outbound_webhook.subscribed": { group: "webhooks", say: ({ target, details }) => `subscribed ${target} to ${text(details.event) || "an event"}` },
  "outbound_webhook.unsubscribed": { group: "webhooks", say: ({ target, details }) => `unsubscribed ${target} from ${text(details.event) || "an event"}` },
  "outbound_webhook.deleted": { group: "webhooks", say: ({ target }) => `deleted the webhook ${target}` },
  "outbound_webhook.paused": { group: "webhooks", say: ({ target }) => `paused the webhook ${target}` },
  "outbound_webhook.resumed": { group: "webhooks", say: ({ target }) => `resumed the webhook ${target}` },
  "outbound_webhook.enabled": { group: "webhooks", say: ({ target }) => `re-enabled the webhook ${target}` },
  // Health transitions, written by the delivery engine (the actor is Switchyard itself).
  "outbound_webhook.degraded": { group: "webhooks", say: ({ target, details }) => `marked the webhook ${target} Degraded${reason(details)}` },
  "outbound_webhook.disabled": { group: "webhooks", say: ({ target, details }) => `disabled the webhook ${target}${reason(details)}` },
  "outbound_webhook.healthy": { group: "webhooks", say: ({ target, details }) => `marked the webhook ${target} Healthy again${reason(details)}` },
  "outbound_webhook.test_sent": { group: "webhooks", say: ({ target }) => `sent a test event to ${target}` },
  "outbound_webhook.secret_rotated": { group: "secrets", say: ({ target }) => `rotated the signing secret of ${target}` },
  "outbound_webhook.secret_retired": { group: "secrets", say: ({ target, details }) => `retired the previous signing secret of ${target}${reason(details)}` },
  "outbound_webhook.secret_extended": { group: "secrets", say: ({ target }) => `extended the previous signing secret of ${target} by a day` },
  "delivery.replayed": { group: "deliveries", say: ({ target }) => `replayed ${target}` },
  "delivery.bulk_replayed": { group: "deliveries", say: ({ details }) => `replayed ${plural(details.replayed, "delivery", "deliveries")} at once` },
  "delivery.retried": { group: "deliveries", say: ({ target }) => `retried ${target} now` },
  "delivery.retries_cancelled": { group: "deliveries", say: ({ target }) => `cancelled the retries of ${target}` },
  "outbound_webhook.deliveries_recovered": {
    group: "deliveries",
    say: ({ target, details }) => `re-sent ${plural(details.count, "failed delivery", "failed deliveries")} of ${target} since ${text(details.since) || "a chosen time"}`,
  },
  "inbound_webhook.created": { group: "inbound", say: () => "created the inbound webhook" },
  "inbound_webhook.rotated": { group: "inbound", say: () => "rotated the inbound webhook's URL and secret" },
  "inbound_webhook.deleted": { group: "inbound", say: () => "deleted the inbound webhook" },
  "issue_integration.set": { group: "inbound", say: ({ details }) => `connected the issue tracker${text(details.provider) ? ` (${trackerName(details.provider)})` : ""}` },
  "issue_integration.removed": { group: "inbound", say: () => "disconnected the issue tracker" },
  "issue_integration.credential_set": { group: "inbound", say: ({ details }) => `set the tracker API credential${text(details.provider) ? ` for ${trackerName(details.provider)}` : ""}` },
  "issue_integration.credential_removed": { group: "inbound", say: () => "removed the tracker API credential" },
  "member.added": { group: "members", say: ({ target, details }) => `added ${target} as ${role(details.role)}` },
  "member.removed": { group: "members", say: ({ target }) => `removed ${target} from the project` },
  "member.left": { group: "members", say: () => "left the project" },
  "member.role_changed": { group: "members", say: ({ target, details }) => `made ${target} ${role(details.to)}` },
  "invitation.created": { group: "members", say: ({ target, details }) => `invited ${target} as ${role(details.role)}` },
  "invitation.revoked": { group: "members", say: ({ target, details }) => `revoked the invitation for ${target}${reason(details)}` },
  "invitation.accepted": { group: "members", say: ({ details }) => `accepted an invitation and joined as ${role(details.role)}` },
};

const TRACKERS: Record<string, string> = { jira: "Jira", github: "GitHub", azure_devops: "Azure DevOps", simple_url: "links only" };
function trackerName(v: unknown): string {
  return TRACKERS[text(v)] ?? text(v);
}

/** The sentence after the actor's name: "rotated the signing secret of “Slack alerts”". */
export function describeAudit(action: string, facts: AuditFacts): string {
  const known = AUDIT_ACTIONS[action];
  if (known) return known.say(facts);
  // A code written by newer code than this table: "outbound_webhook.recovered" → "recovered outbound webhook X".
  const [subject, verb = ""] = action.split(".");
  return [verb.replaceAll("_", " ") || "changed", subject.replaceAll("_", " "), facts.target].filter(Boolean).join(" ");
}

export function auditGroupOf(action: string): AuditGroup | null {
  return AUDIT_ACTIONS[action]?.group ?? null;
}

/** The codes a filter value stands for: a group's codes, or one code. */
export function actionsForFilter(filter: string): string[] {
  if (filter in AUDIT_GROUPS) return Object.keys(AUDIT_ACTIONS).filter((a) => AUDIT_ACTIONS[a].group === filter);
  return [filter];
}

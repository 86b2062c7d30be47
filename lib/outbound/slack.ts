// Slack incoming webhooks (https://hooks.slack.com/services/T…/B…/secret). The URL itself is the
// credential, so it is stored encrypted and only ever shown redacted. Deliveries are Block Kit
// messages instead of the signed JSON envelope.
import type { EventEnvelope } from "@/lib/events/catalog";

const SLACK_PREFIX = "https://hooks.slack.com/services/";

export function isSlackUrl(url: string): boolean {
  return url.startsWith(SLACK_PREFIX);
}

/** https://hooks.slack.com/services/T…/B…/•••• — enough to recognise the workspace and channel hook. */
export function redactSlackUrl(url: string): string {
  const [team = "", hook = ""] = url.slice(SLACK_PREFIX.length).split("/");
  return `${SLACK_PREFIX}${team.slice(0, 1) || "T"}…/${hook.slice(0, 1) || "B"}…/••••`;
}

// Slack answers these with 4xx when the hook can never work again; retrying will not help.
const PERMANENT_ERRORS = new Set([
  "no_service",
  "no_service_id",
  "no_team",
  "team_disabled",
  "invalid_token",
  "channel_not_found",
  "channel_is_archived",
  "action_prohibited",
  "posting_to_general_channel_denied",
  "user_not_found",
  "invalid_payload",
]);

/** The Slack error code of a failed response, and whether it is permanent. */
export function classifySlackResponse(statusCode: number, body: string): { error: string; permanent: boolean } | null {
  if (statusCode >= 200 && statusCode < 300) return null;
  const code = body.trim().split(/\s/)[0]?.toLowerCase() ?? "";
  if (PERMANENT_ERRORS.has(code)) return { error: code, permanent: true };
  return { error: code || `http_${statusCode}`, permanent: false };
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

const SUBJECT_LABEL: Record<string, string> = { test_run: "Test run", session: "Session", case: "Case", issue: "Issue" };
const VERB_LABEL: Record<string, string> = {
  created: "created",
  updated: "updated",
  deleted: "deleted",
  state_changed: "changed state",
  completed: "completed",
  duplicated: "duplicated",
  result_added: "got a new result",
};

/** One readable line per event type; the object's own name links back to it. */
export function slackSummary(event: EventEnvelope, appUrl: string): { text: string; link: string | null } {
  const [subject, verb] = event.type.split(".");
  const object = (event.data[subject] ?? {}) as Obj;
  const name = str(object.name) || str(object.title) || str(object.id) || subject;
  const link = str(object.url) ? new URL(str(object.url), appUrl).toString() : null;
  const label = SUBJECT_LABEL[subject] ?? subject;
  const title = link ? `<${link}|${escapeMrkdwn(name)}>` : `*${escapeMrkdwn(name)}*`;
  let detail = "";
  if (verb === "state_changed") detail = ` from _${str(event.data.previous_state)}_ to _${str(object.state)}_`;
  if (verb === "completed" && event.data.results) {
    const r = event.data.results as Record<string, number>;
    detail = `: ${r.passed} passed, ${r.failed} failed, ${r.blocked} blocked, ${r.skipped} skipped (${r.total} total)`;
  }
  if (verb === "result_added" && event.data.result) detail = `: *${str((event.data.result as Obj).status)}*`;
  if (verb === "updated" && subject === "issue") detail = ` (${str(object.state)})`;
  if (event.type === "webhook.test") return { text: `Test delivery from Switchyard for project *${escapeMrkdwn(event.project.name)}*.`, link: null };
  return { text: `${label} ${title} ${VERB_LABEL[verb] ?? verb}${detail}`, link };
}

export function slackMessage(event: EventEnvelope, appUrl: string): Obj {
  const { text, link } = slackSummary(event, appUrl);
  const blocks: Obj[] = [
    { type: "section", text: { type: "mrkdwn", text } },
    { type: "context", elements: [{ type: "mrkdwn", text: `${escapeMrkdwn(event.project.name)} · \`${event.type}\`` }] },
  ];
  if (link) blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Switchyard" }, url: link }] });
  // `text` is the notification fallback Slack shows where blocks cannot render.
  return { text: text.replace(/<([^|>]+)\|([^>]+)>/g, "$2"), blocks };
}

function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

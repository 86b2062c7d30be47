// The event catalog (DESIGN section 4): every event type, and the zod schema its `data` must match.
// Payloads are built by the domain and checked here before they enter the outbox.
import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true });
const state = z.enum(["new", "in_progress", "blocked", "completed"]);
const resultStatus = z.enum(["passed", "failed", "blocked", "skipped", "retest"]);
const git = z.object({ commit_sha: z.string().nullable(), branch: z.string().nullable() }).nullable();

export const testRunObject = z.object({
  id: z.string(),
  name: z.string(),
  state,
  url: z.string(),
  git,
  created_at: isoDate,
  updated_at: isoDate,
  completed_at: isoDate.nullable(),
});
export const sessionObject = testRunObject.extend({ charter: z.string() });
export const caseObject = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  priority: z.enum(["low", "medium", "high"]),
  url: z.string(),
  created_at: isoDate,
  updated_at: isoDate,
});
export const issueObject = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(["open", "in_progress", "closed"]),
  labels: z.array(z.string()),
  assignee: z.string().nullable(),
  url: z.string(),
  external: z
    .object({ provider: z.enum(["jira", "github", "azure_devops", "simple_url"]), key: z.string(), url: z.string().nullable() })
    .nullable(),
  created_at: isoDate,
  updated_at: isoDate,
});
export const resultObject = z.object({
  id: z.string(),
  case_id: z.string().nullable(),
  status: resultStatus,
  comment: z.string(),
  created_at: isoDate,
});
export const resultCounts = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  blocked: z.number().int(),
  skipped: z.number().int(),
  retest: z.number().int(),
});

const runLike = <K extends string, O extends z.ZodType>(key: K, object: O) => ({
  created: z.object({ [key]: object } as Record<K, O>),
  state_changed: z.object({ [key]: object, previous_state: state } as Record<K, O> & { previous_state: typeof state }),
  completed: z.object({ [key]: object, results: resultCounts } as Record<K, O> & { results: typeof resultCounts }),
  duplicated: z.object({ [key]: object, source_id: z.string() } as Record<K, O> & { source_id: z.ZodString }),
  result_added: z.object({ [key]: object, result: resultObject } as Record<K, O> & { result: typeof resultObject }),
});

// Operational events: about the hub itself, never delivered to the webhook they are about.
const health = z.enum(["healthy", "degraded", "disabled"]);
export const webhookObject = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["generic", "slack"]),
  url: z.string(), // redacted for Slack: the URL itself is a credential
  health,
  url_settings: z.string(),
});
const healthChange = z.object({
  webhook: webhookObject,
  previous_health: health,
  consecutive_failures: z.number().int(),
  reason: z.string(),
});
const inboundWebhookObject = z.object({
  id: z.string(),
  provider: z.enum(["jira", "github", "azure_devops"]),
  url_settings: z.string(),
});

const testRun = runLike("test_run", testRunObject);
const session = runLike("session", sessionObject);

export const eventSchemas = {
  "test_run.created": testRun.created,
  "test_run.state_changed": testRun.state_changed,
  "test_run.completed": testRun.completed,
  "test_run.duplicated": testRun.duplicated,
  "test_run.result_added": testRun.result_added,
  "session.created": session.created,
  "session.state_changed": session.state_changed,
  "session.completed": session.completed,
  "session.duplicated": session.duplicated,
  "session.result_added": session.result_added,
  "case.created": z.object({ case: caseObject }),
  "case.updated": z.object({ case: caseObject }),
  "case.deleted": z.object({ case: caseObject }),
  "issue.created": z.object({ issue: issueObject }),
  "issue.updated": z.object({ issue: issueObject }),
  "issue.deleted": z.object({ issue: issueObject }),
  "webhook.degraded": healthChange,
  "webhook.disabled": healthChange,
  "webhook.recovered": healthChange,
  "webhook.secret_rotated": z.object({ webhook: webhookObject, retiring_secret_id: z.string().nullable(), retire_at: isoDate.nullable() }),
  "inbound.failing": z.object({
    inbound_webhook: inboundWebhookObject,
    /** consecutive_rejections: REJECTED_STREAK refusals in a row; silent: nothing accepted for a day after earlier traffic. */
    reason: z.enum(["consecutive_rejections", "silent"]),
    detail: z.string(),
  }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventSchemas, value);
}

const OPERATIONAL_SUBJECTS = ["webhook", "inbound"];
const subjectOf = (type: string) => type.slice(0, type.indexOf("."));

/** Events about the hub itself rather than the project's work (DESIGN section 4). */
export const OPERATIONAL_EVENT_TYPES = EVENT_TYPES.filter((t) => OPERATIONAL_SUBJECTS.includes(subjectOf(t)));
export const DOMAIN_EVENT_TYPES = EVENT_TYPES.filter((t) => !OPERATIONAL_SUBJECTS.includes(subjectOf(t)));
export type OperationalEventType = Extract<EventType, `webhook.${string}` | `inbound.${string}`>;

/** Groups for the UI's event picker: Cases, Issues, Test Runs, Sessions, then Operational. */
export const EVENT_GROUPS = [
  ...[
    { label: "Cases", subject: "case" },
    { label: "Issues", subject: "issue" },
    { label: "Test Runs", subject: "test_run" },
    { label: "Sessions", subject: "session" },
  ].map((g) => ({ ...g, types: EVENT_TYPES.filter((t) => subjectOf(t) === g.subject) })),
  { label: "Operational", subject: "operational", types: OPERATIONAL_EVENT_TYPES },
];

/** The envelope every generic delivery carries; its bytes are signed exactly as sent. */
export type EventEnvelope = {
  id: string;
  type: string;
  created_at: string;
  project: { id: string; name: string };
  data: Record<string, unknown>;
};

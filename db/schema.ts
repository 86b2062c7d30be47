// The single description of Switchyard's tables (DESIGN section 3).
// Migrations in db/migrations are generated from this file by `npm run db:generate`.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

// ── People and projects ──────────────────────────────────────────────────────

export const users = pgTable("users", {
  id: text("id").primaryKey(), // usr_
  email: text("email").notNull().unique(), // stored lower-cased
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(), // argon2id
  createdAt: createdAt(),
});

export const projects = pgTable("projects", {
  id: text("id").primaryKey(), // prj_
  name: text("name").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const projectRole = pgEnum("project_role", ["admin", "member"]);

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: projectRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user_idx").on(t.userId)],
);

// read_only tokens may only use GET; a token with a project_id reaches that project alone.
export const apiTokenAccess = pgEnum("api_token_access", ["read_only", "read_write"]);
/**
 * An email invited to a project before it has an account. The link's token is stored as a SHA-256
 * hash only; it carries the invitation id so the hash is compared in constant time, not looked up.
 * A pending invitation has neither accepted_at nor revoked_at, and expires_at in the future.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(), // inv_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    email: text("email").notNull(), // lower-cased
    role: projectRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // At most one open invitation per email and project (inviting again replaces it).
    uniqueIndex("invitations_open_email_idx").on(t.projectId, t.email).where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index("invitations_project_idx").on(t.projectId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(), // tok_
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(), // hex sha-256 of the token; the token itself is never stored
    hint: text("hint").notNull(), // last 4 characters, to tell tokens apart
    access: apiTokenAccess("access").notNull().default("read_write"),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }), // null: every project of its user
    expiresAt: timestamp("expires_at", { withTimezone: true }), // null: never (tokens made before expiry existed, or by choice)
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

// Failed sign-ins, for throttling per account and per client address across every app instance.
// `key` is the sha-256 of the lower-cased email or of the address, so mistyped emails are not kept.
export const signInScope = pgEnum("sign_in_scope", ["account", "address"]);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    scope: signInScope("scope").notNull(),
    key: text("key").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_key_idx").on(t.scope, t.key, t.failedAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
    actorId: text("actor_id"), // null for the system (e.g. the drain disabling a webhook)
    action: text("action").notNull(), // e.g. outbound_webhook.disabled
    targetId: text("target_id"),
    details: jsonb("details").notNull().default({}), // ids and reasons only, never secrets
    createdAt: createdAt(),
  },
  // The Audit log page pages newest first on (project_id, id): ids are assigned in insert order.
  (t) => [index("audit_log_project_idx").on(t.projectId, t.createdAt), index("audit_log_project_id_idx").on(t.projectId, t.id.desc())],
);

// ── Test-management domain (the sources of events) ───────────────────────────

export const issueProvider = pgEnum("issue_provider", ["jira", "github", "azure_devops", "simple_url"]);

export const issueIntegrations = pgTable("issue_integrations", {
  projectId: text("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  provider: issueProvider("provider").notNull(),
  config: jsonb("config").notNull().default({}),
  // The tracker API credential (lib/inbound/tracker-credentials.ts), encrypted; never shown again.
  credentialCiphertext: text("credential_ciphertext"),
  credentialSetAt: timestamp("credential_set_at", { withTimezone: true }),
  credentialAccount: text("credential_account"), // "Connected as …", from the tracker on save
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const syncTrigger = pgEnum("sync_trigger", ["manual", "scheduled"]);
export const syncRunStatus = pgEnum("sync_run_status", ["running", "succeeded", "partial", "rate_limited", "failed", "abandoned"]);

// One row per reconciliation run (lib/inbound/sync-runs.ts); the Integrations page shows them.
export const integrationSyncRuns = pgTable(
  "integration_sync_runs",
  {
    id: text("id").primaryKey(), // syr_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    trigger: syncTrigger("trigger").notNull(),
    status: syncRunStatus("status").notNull().default("running"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    fetched: integer("fetched").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    deleted: integer("deleted").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    lastError: text("last_error"), // plain words, never a credential
    rateLimitedUntil: timestamp("rate_limited_until", { withTimezone: true }),
    // The tracker's own "updated" time of the newest change this run got through; the next run starts there.
    watermark: timestamp("watermark", { withTimezone: true }),
  },
  (t) => [
    index("integration_sync_runs_project_idx").on(t.projectId, t.startedAt.desc()),
    // At most one run per project at a time, enforced by the database for every instance.
    uniqueIndex("integration_sync_runs_running_idx")
      .on(t.projectId)
      .where(sql`status = 'running'`),
  ],
);

export const issues = pgTable(
  "issues",
  {
    id: text("id").primaryKey(), // iss_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    state: text("state").notNull().default("open"), // open | in_progress | closed
    labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
    assignee: text("assignee"),
    externalProvider: issueProvider("external_provider"),
    externalKey: text("external_key"), // e.g. "octo/repo#12", "PROJ-7", "42"
    externalUrl: text("external_url"),
    externalUpdatedAt: timestamp("external_updated_at", { withTimezone: true }), // staleness guard
    externalRev: integer("external_rev"), // ADO revision, staleness guard
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("issues_project_idx").on(t.projectId, t.createdAt),
    uniqueIndex("issues_external_key_idx").on(t.projectId, t.externalProvider, t.externalKey),
  ],
);

export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(), // case_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    priority: text("priority").notNull().default("medium"), // low | medium | high
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("cases_project_idx").on(t.projectId, t.createdAt)],
);

// Test runs and sessions share a lifecycle: new → in_progress ⇄ blocked → completed.
export const runState = pgEnum("run_state", ["new", "in_progress", "blocked", "completed"]);
export const resultStatus = pgEnum("result_status", ["passed", "failed", "blocked", "skipped", "retest"]);

export const testRuns = pgTable(
  "test_runs",
  {
    id: text("id").primaryKey(), // run_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    state: runState("state").notNull().default("new"),
    commitSha: text("commit_sha"),
    branch: text("branch"),
    duplicatedFrom: text("duplicated_from"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("test_runs_project_idx").on(t.projectId, t.createdAt)],
);

export const testRunResults = pgTable(
  "test_run_results",
  {
    id: text("id").primaryKey(), // res_
    testRunId: text("test_run_id")
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    caseId: text("case_id").references(() => cases.id, { onDelete: "set null" }),
    status: resultStatus("status").notNull(),
    comment: text("comment").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("test_run_results_run_idx").on(t.testRunId)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(), // ses_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    charter: text("charter").notNull().default(""),
    state: runState("state").notNull().default("new"),
    commitSha: text("commit_sha"),
    branch: text("branch"),
    duplicatedFrom: text("duplicated_from"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sessions_project_idx").on(t.projectId, t.createdAt)],
);

export const sessionResults = pgTable(
  "session_results",
  {
    id: text("id").primaryKey(), // sres_
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    caseId: text("case_id").references(() => cases.id, { onDelete: "set null" }),
    status: resultStatus("status").notNull(),
    comment: text("comment").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("session_results_session_idx").on(t.sessionId)],
);

// ── Webhooks ─────────────────────────────────────────────────────────────────

export const inboundWebhooks = pgTable("inbound_webhooks", {
  id: text("id").primaryKey(), // iwh_
  projectId: text("project_id")
    .notNull()
    .unique() // at most one per project
    .references(() => projects.id, { onDelete: "cascade" }),
  provider: issueProvider("provider").notNull(),
  tokenHash: text("token_hash").notNull().unique(), // hex sha-256 of the URL token
  tokenHint: text("token_hint").notNull(), // last 4 characters, for the redacted URL
  secretCiphertext: text("secret_ciphertext"), // HMAC secret (Jira, GitHub)
  basicUsernameCiphertext: text("basic_username_ciphertext"), // Azure DevOps
  basicPasswordCiphertext: text("basic_password_ciphertext"), // Azure DevOps
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  rotatedAt: timestamp("rotated_at", { withTimezone: true }),
  // When the silence sweep (lib/inbound/silence.ts) told the admins this webhook went quiet; cleared by
  // the next accepted receipt, so each silent spell is reported once.
  silentNotifiedAt: timestamp("silent_notified_at", { withTimezone: true }),
});

export const webhookKind = pgEnum("webhook_kind", ["generic", "slack"]);
export const webhookHealth = pgEnum("webhook_health", ["healthy", "degraded", "disabled"]);

export const outboundWebhooks = pgTable(
  "outbound_webhooks",
  {
    id: text("id").primaryKey(), // wh_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: webhookKind("kind").notNull(),
    url: text("url"), // generic endpoints only; Slack URLs are secrets and live in urlCiphertext
    urlCiphertext: text("url_ciphertext"),
    urlRedacted: text("url_redacted").notNull(), // what the UI and logs show
    events: text("events").array().notNull().default(sql`'{}'::text[]`),
    // [{ name, valueCiphertext }]: values may carry credentials, so they are encrypted too
    customHeaders: jsonb("custom_headers").notNull().default([]),
    health: webhookHealth("health").notNull().default("healthy"),
    paused: boolean("paused").notNull().default(false), // paused by hand
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastDispatchedAt: timestamp("last_dispatched_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("outbound_webhooks_project_idx").on(t.projectId)],
);

export const secretState = pgEnum("secret_state", ["active", "retiring"]);

export const webhookSecrets = pgTable(
  "webhook_secrets",
  {
    id: text("id").primaryKey(), // sec_
    webhookId: text("webhook_id")
      .notNull()
      .references(() => outboundWebhooks.id, { onDelete: "cascade" }),
    secretCiphertext: text("secret_ciphertext").notNull(),
    state: secretState("state").notNull(),
    retireAt: timestamp("retire_at", { withTimezone: true }),
    extended: boolean("extended").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_secrets_webhook_idx").on(t.webhookId)],
);

// ── Outbox ───────────────────────────────────────────────────────────────────

export const events = pgTable(
  "events",
  {
    id: text("id").primaryKey(), // evt_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    // The envelope ({id, type, created_at, project, data}) as the exact text signed and sent, written once
    // by emit(): every attempt, replay and Send Test sends these bytes, and the Deliveries drawer shows them.
    // Not jsonb, which reorders keys and whitespace (a copied payload would not verify). No query reads
    // inside an envelope, so there is no jsonb copy; add one beside it if a query ever needs one.
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("events_project_idx").on(t.projectId, t.createdAt)],
);

export const deliveryDirection = pgEnum("delivery_direction", ["outbound", "inbound"]);
export const deliveryStatus = pgEnum("delivery_status", [
  "pending",
  // No longer stored (a claim only sets a lease, migration 0002); the API shows a leased pending or
  // failed row as 'delivering' (lib/outbound/deliveries.ts). Kept: enum values cannot be dropped in place.
  "delivering",
  "succeeded",
  "failed",
  "dead",
  // No longer stored either (migration 0013): parked is derived, a waiting row of a paused or disabled
  // webhook (lib/outbound/engine/parked.ts), and 'paused' is only the state the API shows for it.
  "paused",
]);

export const deliveries = pgTable(
  "deliveries",
  {
    id: text("id").primaryKey(), // dlv_
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    direction: deliveryDirection("direction").notNull(),
    outboundWebhookId: text("outbound_webhook_id").references(() => outboundWebhooks.id, { onDelete: "cascade" }),
    inboundWebhookId: text("inbound_webhook_id").references(() => inboundWebhooks.id, { onDelete: "set null" }),
    eventId: text("event_id").references(() => events.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    // Inbound receipts: applied | imported | ignored | duplicate | synthetic | rejected
    outcome: text("outcome"),
    outcomeReason: text("outcome_reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    replayOf: text("replay_of"),
    // Send Test: one attempt, never retried, and it does not move the webhook's health (DESIGN 6.5).
    test: boolean("test").notNull().default(false),
    // Inbound: the tracker, kept on the row so it stays labelled after its webhook is replaced.
    inboundProvider: issueProvider("inbound_provider"),
    requestDigest: text("request_digest"), // inbound: sha-256 of the body (never the body)
    providerDeliveryId: text("provider_delivery_id"), // inbound: X-GitHub-Delivery etc.
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Deliveries tab: newest first, keyset on (created_at, id), optionally filtered.
    index("deliveries_project_idx").on(t.projectId, t.createdAt.desc(), t.id.desc()),
    // Inbound receipts of a project, newest first (Deliveries filtered to inbound, inbound health, retention).
    // Partial: outbound deliveries, the bulk, are read through deliveries_project_idx, and every outbound
    // insert and settle would otherwise write an entry here too.
    index("deliveries_project_inbound_idx")
      .on(t.projectId, t.createdAt.desc(), t.id.desc())
      .where(sql`direction = 'inbound'`),
    index("deliveries_outbound_webhook_idx").on(t.outboundWebhookId, t.createdAt.desc(), t.id.desc()),
    // The drain's claim, webhook by webhook (lib/outbound/engine/due.ts). A claim only sets lease_until
    // (+ attempts), which no index covers, so it is a HOT update (fillfactor leaves the page room,
    // migration 0002); a claimed row stays here and the claim skips it until its lease ends, which is how
    // a crashed drain's rows come back (lib/outbound/engine/claim.ts).
    index("deliveries_due_idx")
      .on(t.outboundWebhookId, t.nextAttemptAt)
      .where(sql`direction = 'outbound' and status in ('pending', 'failed')`),
    // Deliveries tab filtered by a rare status (failed, dead) stays an index range scan; common
    // statuses are dense in deliveries_project_idx. Partial, so the happy path never touches it.
    // ('paused' in the predicate is from when parked rows were stored; it matches none now.)
    index("deliveries_project_status_idx")
      .on(t.projectId, t.status, t.createdAt.desc(), t.id.desc())
      .where(sql`status in ('failed', 'dead', 'paused')`),
    // Partial: only replays have replay_of, and every delivery write would otherwise maintain it.
    index("deliveries_replay_of_idx").on(t.replayOf).where(sql`replay_of is not null`),
    // Search by event id (= webhook-id; delivery ids are the primary key), and retention: an event is
    // deleted once no delivery refers to it, a lookup by event for the check and the cascade alike.
    // With the webhook second, Recover's probe (the other deliveries of one event to one webhook) reads
    // only that webhook's copies, not the event's whole fan-out. It replaced an index on event_id alone,
    // so a write maintains as many indexes as before.
    index("deliveries_event_webhook_idx").on(t.eventId, t.outboundWebhookId),
    // Recover: a webhook's failed and dead deliveries since a time, read newest first (a backward scan
    // is Recover's `created_at desc, id desc`) so its selection stops at the cap, however many succeeded
    // around them. Partial: a delivery that succeeds at once never enters it.
    index("deliveries_recover_idx")
      .on(t.outboundWebhookId, t.createdAt, t.id)
      .where(sql`status in ('failed', 'dead')`),
    // Each webhook card's latest Send Test (read by every webhook reply, Recover's included) and Send
    // Test's rate window: without it, a webhook that never sent a test was read in full (400 ms at
    // 1,000,000 rows). Partial: only Send Test rows enter it (test never changes), so no other delivery
    // write touches it.
    index("deliveries_latest_test_idx")
      .on(t.outboundWebhookId, t.createdAt.desc(), t.id.desc())
      .where(sql`test`),
    // Inbound dedupe, by the tracker's delivery id and by payload digest (a replay under a new
    // delivery id). Each leads with its own key, so the planner cannot answer one lookup by walking
    // the other index over every receipt of the webhook (it did, with stale statistics).
    uniqueIndex("deliveries_inbound_provider_id_idx")
      .on(t.providerDeliveryId, t.inboundWebhookId)
      .where(sql`direction = 'inbound' and outcome <> 'duplicate'`),
    index("deliveries_inbound_digest_idx")
      .on(t.requestDigest, t.inboundWebhookId)
      .where(sql`direction = 'inbound'`),
  ],
);

export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    // Belongs to deliveries.id without a foreign key, whose check runs one query per inserted row (a third
    // of the attempt insert's time in a drain). Inserts check and lock their deliveries set-based
    // (lib/outbound/record.ts) and a statement trigger deletes the attempts of deleted deliveries (migration 0003).
    deliveryId: text("delivery_id").notNull(),
    // The claim's count: each claim of a delivery numbers its attempt anew, so (delivery, n) is the key.
    n: integer("n").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    // timeout | dns | refused | reset | tls | blocked_address | http_status | slack_error
    errorClass: text("error_class"),
    errorMessage: text("error_message"),
    // With started_at (the signed timestamp) and the delivery's ids, all that varies in the request's
    // headers: the Deliveries tab rebuilds them, redacted (recordedRequestHeaders in lib/outbound/request.ts).
    customHeaderNames: text("custom_header_names").array().notNull().default(sql`'{}'`),
    responseExcerpt: text("response_excerpt"), // ≤ 4 KB
    // The response's headers, capped (lib/outbound/response-headers.ts); null when there was no response.
    responseHeaders: jsonb("response_headers"),
    // Slack only: the Block Kit message sent. Generic bodies are the event's body (events.body).
    requestBody: text("request_body"),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.n] })],
);

// What SSE replays after Last-Event-ID.
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // e.g. issue.updated
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("live_events_project_idx").on(t.projectId, t.id)],
);

// Notices for a project's admins about the hub itself (a webhook degraded or disabled, an inbound
// webhook failing…), written in the same transaction as the transition they report.
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(), // ntf_
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // the operational event type, e.g. webhook.disabled
    subjectId: text("subject_id"), // the webhook it is about
    message: text("message").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`read_at is null`),
  ],
);

// Every react-query key in one place, so a mutation invalidates exactly what it changed.
// Helpers add their keys here (additively); keys are arrays that start broad and narrow down.
export const queryKeys = {
  projects: () => ["projects"] as const,
  project: (projectId: string) => ["projects", projectId] as const,
  members: (projectId: string) => ["projects", projectId, "members"] as const,
  invitations: (projectId: string) => ["projects", projectId, "invitations"] as const,
  audit: (projectId: string, filters: Record<string, string | undefined> = {}) => ["projects", projectId, "audit", filters] as const,
  cases: (projectId: string) => ["projects", projectId, "cases"] as const,
  testRuns: (projectId: string) => ["projects", projectId, "test-runs"] as const,
  testRun: (projectId: string, runId: string) => ["projects", projectId, "test-runs", runId] as const,
  sessions: (projectId: string) => ["projects", projectId, "sessions"] as const,
  session: (projectId: string, sessionId: string) => ["projects", projectId, "sessions", sessionId] as const,
  issues: (projectId: string) => ["projects", projectId, "issues"] as const,
  issue: (projectId: string, issueId: string) => ["projects", projectId, "issues", issueId] as const,
  webhooks: (projectId: string) => ["projects", projectId, "webhooks"] as const,
  /** Every deliveries query of a project (lists, details, "N new"): what a delivery write invalidates. */
  allDeliveries: (projectId: string) => ["projects", projectId, "deliveries"] as const,
  deliveries: (projectId: string, filters: Record<string, string | undefined> = {}) =>
    ["projects", projectId, "deliveries", filters] as const,
  delivery: (projectId: string, deliveryId: string) => ["projects", projectId, "deliveries", "one", deliveryId] as const,
  /** Deliveries newer than the list on screen (the "N new" button), for the same filters. */
  newDeliveries: (projectId: string, filters: Record<string, string | undefined>, after: string) =>
    ["projects", projectId, "deliveries", "new", filters, after] as const,
  recoverPreview: (projectId: string, webhookId: string, since: string) => ["projects", projectId, "webhooks", webhookId, "recover", since] as const,
  integration: (projectId: string) => ["projects", projectId, "integration"] as const,
  syncRuns: (projectId: string) => ["projects", projectId, "integration", "sync-runs"] as const,
  // Under webhooks(): every write to the inbound webhook refreshes its health too.
  inboundHealth: (projectId: string) => ["projects", projectId, "webhooks", "inbound-health"] as const,
  myTokens: () => ["me", "tokens"] as const,
  myNotifications: () => ["me", "notifications"] as const,
};

// The JSON the webhook screens read from /api/v1 (shapes per lib/outbound/present.ts).
export type Health = "healthy" | "degraded" | "disabled";

export type RetiringSecret = { retireAt: string; extended: boolean };

export type OutboundWebhook = {
  id: string;
  name: string;
  kind: "generic" | "slack";
  url: string;
  events: string[];
  headers: { name: string }[];
  health: Health;
  paused: boolean;
  consecutiveFailures: number;
  lastDispatchedAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  retiringSecret: RetiringSecret | null;
  createdAt: string;
};

export type WebhooksResponse = { inbound: unknown; outbound: OutboundWebhook[] };

export type DeliveryRow = {
  id: string;
  direction: "outbound" | "inbound";
  webhookId: string | null;
  webhookName: string | null;
  eventId: string | null;
  eventType: string;
  status: "pending" | "delivering" | "succeeded" | "failed" | "dead" | "paused";
  outcome: string | null;
  attempts: number;
  lastStatusCode: number | null;
  replayOf: string | null;
  createdAt: string;
};

export type DeliveriesPage = { deliveries: DeliveryRow[]; nextCursor: string | null };

export type DeliveryAttempt = {
  n: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  requestHeaders: Record<string, string> | null;
  responseExcerpt: string | null;
};

export type DeliveryDetail = DeliveryRow & {
  payload: unknown;
  requestDigest: string | null;
  outcomeReason: string | null;
  lastError: string | null;
  replays: string[];
  attemptList: DeliveryAttempt[];
};

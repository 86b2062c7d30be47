// The exact request a delivery sends (DESIGN section 5): the event's stored body bytes, signature headers, custom
// headers — and, for the Deliveries tab, the redacted copy of those headers rebuilt from an attempt row.
import type { EventEnvelope } from "@/lib/events/catalog";
import type { StoredEvent } from "@/lib/events/envelope";
import { REDACTED, type CustomHeader } from "./custom-headers";
import { signatureHeaders } from "./signing";
import { slackMessage } from "./slack";

export const USER_AGENT = "Switchyard-Webhooks/1.0";

export type Target = { kind: "generic" | "slack"; url: string; secrets: string[]; headers: CustomHeader[] };
export type OutgoingRequest = { url: string; body: string; headers: Record<string, string> };
/** What identifies a delivery's request: the rest of its headers follows from these. */
export type RequestIds = { eventId: string; eventType: string; deliveryId: string };
type Signatures = { "webhook-signature": string; "x-switchyard-signature-256": string };

/** The request of one attempt. Generic: the event's stored body as it is; Slack: a Block Kit message made from it. */
export function buildRequest(target: Target, deliveryId: string, event: StoredEvent, nowSeconds: number, appUrl: string): OutgoingRequest {
  if (target.kind === "slack") {
    return { url: target.url, body: JSON.stringify(slackMessage(JSON.parse(event.body) as EventEnvelope, appUrl)), headers: slackHeaders() };
  }
  const body = event.body;
  const signatures = signatureHeaders(target.secrets, event.id, nowSeconds, body);
  return { url: target.url, body, headers: signedHeaders(target.headers, { eventId: event.id, eventType: event.type, deliveryId }, nowSeconds, signatures) };
}

/**
 * The headers an attempt sent, with signatures and custom header values redacted. An attempt row keeps
 * only what varies (its start second, which is the signed timestamp, and the custom header names), and
 * this rebuilds the rest with the same function that built the headers for sending.
 */
export function recordedRequestHeaders(kind: Target["kind"], customHeaderNames: readonly string[], ids: RequestIds, timestamp: number): Record<string, string> {
  if (kind === "slack") return slackHeaders();
  const custom = customHeaderNames.map((name) => ({ name, value: REDACTED }));
  return signedHeaders(custom, ids, timestamp, { "webhook-signature": REDACTED, "x-switchyard-signature-256": REDACTED });
}

const slackHeaders = () => ({ "content-type": "application/json", "user-agent": USER_AGENT });

// Built by assignment, not spreads: this runs once per delivery, and spreading header-named
// (dictionary-mode) objects cost more than signing the body.
function signedHeaders(custom: readonly CustomHeader[], ids: RequestIds, timestamp: number, signatures: Signatures): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of custom) headers[h.name] = h.value;
  // Ours last: validation already refuses overriding names, this keeps it true whatever is stored.
  headers["content-type"] = "application/json";
  headers["user-agent"] = USER_AGENT;
  headers["webhook-id"] = ids.eventId;
  headers["webhook-timestamp"] = String(timestamp);
  headers["webhook-signature"] = signatures["webhook-signature"];
  headers["x-switchyard-signature-256"] = signatures["x-switchyard-signature-256"];
  headers["x-switchyard-event"] = ids.eventType;
  headers["x-switchyard-delivery"] = ids.deliveryId;
  return headers;
}

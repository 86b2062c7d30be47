// The exact request a delivery sends (DESIGN section 5): body bytes, signature headers, custom
// headers — and the redacted copy of those headers kept in the attempt record.
import type { EventEnvelope } from "@/lib/events/catalog";
import { REDACTED, type CustomHeader } from "./custom-headers";
import { signatureHeaders } from "./signing";
import { slackMessage } from "./slack";

export const USER_AGENT = "Switchyard-Webhooks/1.0";

export type Target = { kind: "generic" | "slack"; url: string; secrets: string[]; headers: CustomHeader[] };
export type OutgoingRequest = { url: string; body: string; headers: Record<string, string>; recordedHeaders: Record<string, string> };

/**
 * The envelope's bytes, keys in the documented order. Built from the stored jsonb, which normalises
 * nested key order, so every retry and replay of an event sends byte-identical bodies.
 */
export function envelopeBody(e: EventEnvelope): string {
  let body = bodies.get(e);
  if (body === undefined) {
    body = JSON.stringify({ id: e.id, type: e.type, created_at: e.created_at, project: e.project, data: e.data });
    bodies.set(e, body);
  }
  return body;
}
// A claimed batch shares one envelope object among the event's deliveries (fan-out): serialise it once.
const bodies = new WeakMap<EventEnvelope, string>();

export function buildRequest(target: Target, deliveryId: string, event: EventEnvelope, nowSeconds: number, appUrl: string): OutgoingRequest {
  if (target.kind === "slack") {
    const headers = { "content-type": "application/json", "user-agent": USER_AGENT };
    return { url: target.url, body: JSON.stringify(slackMessage(event, appUrl)), headers, recordedHeaders: { ...headers } };
  }
  const body = envelopeBody(event);
  const signatures = signatureHeaders(target.secrets, event.id, nowSeconds, body);
  // Built by assignment, not spreads: these objects are made once per delivery and spreading
  // header-named (dictionary-mode) objects cost more than signing the body.
  const headers: Record<string, string> = {};
  const recordedHeaders: Record<string, string> = {};
  for (const h of target.headers) {
    headers[h.name] = h.value;
    recordedHeaders[h.name] = REDACTED;
  }
  const set = (name: string, value: string, recorded = value) => {
    headers[name] = value;
    recordedHeaders[name] = recorded;
  };
  // Ours last: validation already refuses overriding names, this keeps it true whatever is stored.
  set("content-type", "application/json");
  set("user-agent", USER_AGENT);
  set("webhook-id", event.id);
  set("webhook-timestamp", String(nowSeconds));
  set("webhook-signature", signatures["webhook-signature"], REDACTED);
  set("x-switchyard-signature-256", signatures["x-switchyard-signature-256"], REDACTED);
  set("x-switchyard-event", event.type);
  set("x-switchyard-delivery", deliveryId);
  return { url: target.url, body, headers, recordedHeaders };
}

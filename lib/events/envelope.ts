// The bytes of an event (DESIGN section 4): serialised once, when the event is emitted, and stored
// as events.body. Everything after that — signing, every attempt, replays, Send Test, the drawer and
// its Copy — uses the stored text and never serialises the envelope again.
import type { EventEnvelope } from "./catalog";

/** What the delivery engine needs of an event: its id and type for headers, its body as sent. */
export type StoredEvent = { id: string; type: string; body: string };

/** The envelope's text, keys in the documented order: id, type, created_at, project, data. */
export function envelopeBody(e: EventEnvelope): string {
  return JSON.stringify({ id: e.id, type: e.type, created_at: e.created_at, project: e.project, data: e.data });
}

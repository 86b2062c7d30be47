// Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html).
export const HEARTBEAT_MS = 20_000; // proxies drop idle connections after 30–60 s
export const RETRY_MS = 2_000;
/** After a shutdown, how soon the browser should come back (another instance, or this one restarted). */
export const SHUTDOWN_RETRY_MS = 1_000;

/** Why the server ended a stream (the final `end` event says so). */
export type EndReason = "shutdown" | "access";

/** One event with an id (what Last-Event-ID echoes back) and a JSON data line. */
export function sseEvent(id: number, data: unknown): string {
  return `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text.replace(/\n/g, " ")}\n\n`;
}

/** A named `reset` event: the client should refetch what it shows (what it missed is not replayed). */
export function sseReset(id: number): string {
  return `id: ${id}\nevent: reset\ndata: {}\n\n`;
}

export function sseRetry(ms = RETRY_MS): string {
  return `retry: ${ms}\n\n`;
}

/**
 * The last thing a stream the server ends sends: a named `end` event with the reason. On shutdown it
 * also sets the reconnection time low, so browsers come back as soon as a server answers again.
 */
export function sseEnd(reason: EndReason): string {
  const retry = reason === "shutdown" ? SHUTDOWN_RETRY_MS : RETRY_MS;
  return `${sseRetry(retry)}event: end\ndata: ${JSON.stringify({ reason, retry_ms: retry })}\n\n`;
}

/** Last-Event-ID from the header (EventSource reconnects) or ?lastEventId= (manual resume); null if absent/invalid. */
export function parseLastEventId(header: string | null, query: string | null): number | null {
  const raw = header ?? query;
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

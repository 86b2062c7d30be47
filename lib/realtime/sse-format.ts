// Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html).
export const HEARTBEAT_MS = 20_000; // proxies drop idle connections after 30–60 s
export const RETRY_MS = 2_000;
/** Replay after Last-Event-ID stops here and tells the client to refetch instead. */
export const MAX_REPLAY = 2_000;

/** One event with an id (what Last-Event-ID echoes back) and a JSON data line. */
export function sseEvent(id: number, data: unknown): string {
  return `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text.replace(/\n/g, " ")}\n\n`;
}

/** A named `reset` event: the client should refetch what it shows (too much was missed to replay). */
export function sseReset(id: number): string {
  return `id: ${id}\nevent: reset\ndata: {}\n\n`;
}

export function sseRetry(ms = RETRY_MS): string {
  return `retry: ${ms}\n\n`;
}

/** Last-Event-ID from the header (EventSource reconnects) or ?lastEventId= (manual resume); null if absent/invalid. */
export function parseLastEventId(header: string | null, query: string | null): number | null {
  const raw = header ?? query;
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

// What a live stream may carry and replay, as pure rules (the stream and the bus apply them).

/** Replay after Last-Event-ID covers at most this many events… */
export const REPLAY_MAX_EVENTS = 1_000;
/** …no older than this; a tab away longer (or that missed more) is told to refetch instead (`reset`). */
export const REPLAY_MAX_AGE_MS = 15 * 60_000;
/** How often an open stream re-checks that its user may still see every project it streams. */
export const ACCESS_RECHECK_MS = 2_000;

/**
 * The live payload of an event. A deleted issue's live event carries its id only: a tab that is told
 * about the deletion needs nothing more, and the content of what was deleted should not keep
 * travelling (nor sit in live_events for replay).
 */
export function livePayload(kind: string, payload: unknown): unknown {
  if (kind !== "issue.deleted") return payload;
  const id = (payload as { issue?: { id?: unknown } } | null)?.issue?.id;
  return { issue: { id: typeof id === "string" ? id : null } };
}

/**
 * Per project, the oldest moment a replay may reach back to: the age bound, or when the user became a
 * member if that is later (they never saw what happened before).
 */
export function replayFloor(memberSince: ReadonlyMap<string, Date>, now: Date, maxAgeMs = REPLAY_MAX_AGE_MS): Map<string, Date> {
  const oldest = now.getTime() - maxAgeMs;
  return new Map([...memberSince].map(([projectId, since]) => [projectId, new Date(Math.max(oldest, since.getTime()))]));
}

/** True while every membership the stream was opened with still stands, unchanged (not removed and re-added). */
export function sameMemberships(opened: ReadonlyMap<string, Date>, now: ReadonlyMap<string, Date>): boolean {
  for (const [projectId, since] of opened) if (now.get(projectId)?.getTime() !== since.getTime()) return false;
  return true;
}

// The pure rules of a reconciliation run: its bounds, when a fetched issue is already what we hold,
// where the watermark moves, and how the run ends.
import type { NormalizedIssueEvent } from "./providers/normalized";
import type { SyncRunStatus } from "./sync-runs";

/** Each run is bounded so one project cannot hold the loop or the tracker's quota. */
export type SyncLimits = { pageSize: number; maxPages: number; maxIssues: number; maxRunMs: number };
export const SYNC_LIMITS: SyncLimits = { pageSize: 100, maxPages: 200, maxIssues: 20_000, maxRunMs: 10 * 60_000 };

type Stored = { externalUpdatedAt: Date | null; externalRev: number | null };

/**
 * True when the tracker's version is the one already applied (by a webhook or an earlier run):
 * re-reading it must not emit issue.updated again. Webhooks apply equal versions; a sync re-reads the
 * boundary of its window every time, so it skips them.
 */
export function alreadyApplied(stored: Stored | undefined, event: Pick<NormalizedIssueEvent, "updatedAt" | "rev">): boolean {
  if (!stored || event.updatedAt === null || stored.externalUpdatedAt === null) return false;
  return stored.externalUpdatedAt.getTime() === event.updatedAt.getTime() && (stored.externalRev ?? null) === (event.rev ?? null);
}

/** The newest tracker time seen: the next run's `since` (a change exactly at it is read again, harmlessly). */
export function advanceWatermark(current: Date | null, events: Pick<NormalizedIssueEvent, "updatedAt">[]): Date | null {
  let max = current;
  for (const e of events) if (e.updatedAt && (!max || e.updatedAt > max)) max = e.updatedAt;
  return max;
}

export function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/**
 * Where the next run starts: the newest change seen, unless a change could not be applied — then
 * from that change, so it is read (and retried) again rather than skipped for good.
 */
export function nextWatermark(seen: Date | null, retryFrom: Date | null): Date | null {
  return retryFrom ? earliest(seen, retryFrom) : seen;
}

export type StopReason = "pages" | "issues" | "time" | null;

/** Whether the run must stop before fetching another page. */
export function budgetExhausted(limits: SyncLimits, spent: { pages: number; issues: number; elapsedMs: number }): StopReason {
  if (spent.pages >= limits.maxPages) return "pages";
  if (spent.issues >= limits.maxIssues) return "issues";
  if (spent.elapsedMs >= limits.maxRunMs) return "time";
  return null;
}

const STOP_WORDS: Record<Exclude<StopReason, null>, string> = {
  pages: "Stopped at the page limit; the next run continues from here.",
  issues: "Stopped at the issue limit; the next run continues from here.",
  time: "Stopped at the time limit; the next run continues from here.",
};

/** How a run ends: rate limited and failed win over partial; errors on single issues make it partial. */
export function runStatus(r: { failed: string | null; rateLimitedUntil: Date | null; stopped: StopReason; errors: number }): {
  status: Exclude<SyncRunStatus, "running" | "abandoned">;
  note: string | null;
} {
  if (r.failed) return { status: "failed", note: r.failed };
  if (r.rateLimitedUntil) return { status: "rate_limited", note: `Rate limited until ${r.rateLimitedUntil.toISOString()}; the next run continues from here.` };
  if (r.stopped) return { status: "partial", note: STOP_WORDS[r.stopped] };
  return { status: r.errors ? "partial" : "succeeded", note: null };
}

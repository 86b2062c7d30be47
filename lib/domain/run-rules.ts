// The lifecycle rules test runs and sessions share: new → in_progress ⇄ blocked → completed.
// Completing is its own verb, and a completed run is frozen (no results, no state changes).
export const RUN_STATES = ["new", "in_progress", "blocked", "completed"] as const;
export const OPEN_STATES = ["new", "in_progress", "blocked"] as const;
export const RESULT_STATUSES = ["passed", "failed", "blocked", "skipped", "retest"] as const;

export type RunState = (typeof RUN_STATES)[number];
export type OpenState = (typeof OPEN_STATES)[number];
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export type ResultCounts = { total: number } & Record<ResultStatus, number>;

/** Why the run cannot move from `from` to `to`, or undefined when it can. */
export function stateChangeProblem(noun: string, from: RunState, to: OpenState): string | undefined {
  if (from === "completed") return `This ${noun} is completed; duplicate it to run it again.`;
  if (from === to) return `This ${noun} is already ${to.replace("_", " ")}.`;
  return undefined;
}

/** Why the run cannot be completed, or undefined. */
export function completeProblem(noun: string, from: RunState): string | undefined {
  return from === "completed" ? `This ${noun} is already completed.` : undefined;
}

/** Why no result can be added, or undefined. */
export function addResultProblem(noun: string, state: RunState): string | undefined {
  return state === "completed" ? `This ${noun} is completed and takes no more results; duplicate it to run it again.` : undefined;
}

export function countResults(statuses: Iterable<ResultStatus>): ResultCounts {
  const counts: ResultCounts = { total: 0, passed: 0, failed: 0, blocked: 0, skipped: 0, retest: 0 };
  for (const s of statuses) {
    counts[s] += 1;
    counts.total += 1;
  }
  return counts;
}

/** The name of a duplicate: "Nightly" → "Nightly (copy)", trimmed to fit the name limit. */
export function copyName(name: string, max = 200): string {
  const suffix = " (copy)";
  return name.length + suffix.length > max ? `${name.slice(0, max - suffix.length)}${suffix}` : `${name}${suffix}`;
}

// The per-webhook health machine (DESIGN section 6.5): consecutive failed attempts, 5 → degraded,
// 10 → disabled. One success makes a degraded webhook healthy; a disabled one stays disabled until an
// admin re-enables it (late results of requests already in flight do not revive it).
export type Health = "healthy" | "degraded" | "disabled";
export type HealthState = { health: Health; consecutiveFailures: number };
/** `failures`: the consecutive failed attempts right after the transition (0 on recovery). */
export type Transition = { from: Health; to: Health; reason: string; failures: number };

export const DEGRADED_AFTER = 5;
export const DISABLED_AFTER = 10;

export function nextHealth(state: HealthState, outcome: "success" | "failure"): HealthState & { transition?: Transition } {
  if (state.health === "disabled") {
    return { ...state, consecutiveFailures: outcome === "failure" ? state.consecutiveFailures + 1 : state.consecutiveFailures };
  }
  if (outcome === "success") {
    const next: HealthState = { health: "healthy", consecutiveFailures: 0 };
    return state.health === "healthy" ? next : { ...next, transition: { from: state.health, to: "healthy", reason: "A delivery succeeded.", failures: 0 } };
  }
  const failures = state.consecutiveFailures + 1;
  const health: Health = failures >= DISABLED_AFTER ? "disabled" : failures >= DEGRADED_AFTER ? "degraded" : state.health;
  const next = { health, consecutiveFailures: failures };
  if (health === state.health) return next;
  return { ...next, transition: { from: state.health, to: health, reason: `${failures} consecutive failed attempts.`, failures } };
}

/** Folds a sequence of outcomes (in completion order), keeping every transition for the audit log. */
export function foldHealth(state: HealthState, outcomes: readonly ("success" | "failure")[]): HealthState & { transitions: Transition[] } {
  const transitions: Transition[] = [];
  let current: HealthState = state;
  for (const o of outcomes) {
    const { transition, ...next } = nextHealth(current, o);
    if (transition) transitions.push(transition);
    current = next;
  }
  return { ...current, transitions };
}

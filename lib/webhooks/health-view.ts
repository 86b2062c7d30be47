// How a webhook's health reads in the UI (input: the API's webhook JSON). "Paused" (by hand) outranks the automatic states
// because it is what the admin must undo; a webhook nothing was attempted for yet says so instead of "Healthy"
// (Send Test does not count: it never moves health). The thresholds come from the health machine itself.
import { DEGRADED_AFTER, DISABLED_AFTER } from "@/lib/outbound/health";

export type HealthInput = {
  health: "healthy" | "degraded" | "disabled";
  paused?: boolean;
  consecutive_failures?: number;
  last_dispatched_at?: string | null;
  last_success_at?: string | null;
  last_failure_at?: string | null;
};

export type HealthView = {
  label: "Healthy" | "Degraded" | "Disabled" | "Paused" | "No deliveries yet";
  tone: "green" | "amber" | "red" | "slate";
  /** The most recent attempt outcome, for the tooltip: which one and when (ISO), or none yet. */
  latest: { kind: "success" | "failure"; at: string } | null;
};

export function healthView(w: HealthInput): HealthView {
  const latest = latestOutcome(w.last_success_at ?? null, w.last_failure_at ?? null);
  const base =
    w.paused && w.health !== "disabled"
      ? ({ label: "Paused", tone: "slate" } as const)
      : w.health === "disabled"
        ? ({ label: "Disabled", tone: "red" } as const)
        : w.health === "degraded"
          ? ({ label: "Degraded", tone: "amber" } as const)
          : !latest && !w.last_dispatched_at
            ? ({ label: "No deliveries yet", tone: "slate" } as const)
            : ({ label: "Healthy", tone: "green" } as const);
  return { ...base, latest };
}

/** What Degraded means, said where the badge is: how many failed in a row, and what happens at the limit. */
export function degradedExplanation(consecutiveFailures: number): string {
  const left = Math.max(1, DISABLED_AFTER - consecutiveFailures);
  return (
    `Degraded: the last ${consecutiveFailures} ${consecutiveFailures === 1 ? "attempt" : "attempts"} in a row failed (Degraded starts at ${DEGRADED_AFTER}). ` +
    `Deliveries are still retried. ${left} more ${left === 1 ? "failure" : "failures"} in a row (${DISABLED_AFTER} in all) and Switchyard disables the webhook: ` +
    `it stops sending and parks new deliveries until you re-enable it. One success makes it healthy again.`
  );
}

function latestOutcome(success: string | null, failure: string | null): HealthView["latest"] {
  if (!success && !failure) return null;
  if (success && (!failure || Date.parse(success) >= Date.parse(failure))) return { kind: "success", at: success };
  return { kind: "failure", at: failure! };
}

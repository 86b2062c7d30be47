// How a webhook's health reads in the UI (input: the API's webhook JSON). "Paused" (by hand) outranks the automatic states
// because it is what the admin must undo; the tooltip names the most recent outcome.
export type HealthInput = {
  health: "healthy" | "degraded" | "disabled";
  paused?: boolean;
  consecutive_failures?: number;
  last_success_at?: string | null;
  last_failure_at?: string | null;
};

export type HealthView = {
  label: "Healthy" | "Degraded" | "Disabled" | "Paused";
  tone: "green" | "amber" | "red" | "slate";
  /** The most recent attempt outcome, for the tooltip: which one and when (ISO), or none yet. */
  latest: { kind: "success" | "failure"; at: string } | null;
};

export function healthView(w: HealthInput): HealthView {
  const base =
    w.paused && w.health !== "disabled"
      ? ({ label: "Paused", tone: "slate" } as const)
      : w.health === "disabled"
        ? ({ label: "Disabled", tone: "red" } as const)
        : w.health === "degraded"
          ? ({ label: "Degraded", tone: "amber" } as const)
          : ({ label: "Healthy", tone: "green" } as const);
  return { ...base, latest: latestOutcome(w.last_success_at ?? null, w.last_failure_at ?? null) };
}

function latestOutcome(success: string | null, failure: string | null): HealthView["latest"] {
  if (!success && !failure) return null;
  if (success && (!failure || Date.parse(success) >= Date.parse(failure))) return { kind: "success", at: success };
  return { kind: "failure", at: failure! };
}

import { Badge } from "@/components/ui/badge";
import { STATE_LABEL, STATE_TONE, STATUS_LABEL, STATUS_TONE, type ResultCounts, type ResultStatus, type RunState } from "./types";

export function RunStateBadge({ state }: { state: RunState }) {
  return <Badge tone={STATE_TONE[state]}>{STATE_LABEL[state]}</Badge>;
}

export function ResultStatusBadge({ status }: { status: ResultStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

/** "3 results · 2 passed · 1 failed": the non-zero counts only. */
export function ResultSummary({ counts }: { counts?: ResultCounts }) {
  if (!counts || counts.total === 0) return <span className="text-slate-500">No results yet</span>;
  const parts = (Object.keys(STATUS_LABEL) as ResultStatus[]).filter((s) => counts[s] > 0);
  return (
    <span className="text-slate-700">
      {counts.total} result{counts.total === 1 ? "" : "s"}
      {parts.map((s) => (
        <span key={s} className={s === "failed" ? "text-red-700" : s === "passed" ? "text-green-700" : undefined}>
          {" · "}
          {counts[s]} {STATUS_LABEL[s].toLowerCase()}
        </span>
      ))}
    </span>
  );
}

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { IssueJson } from "./types";

const STATES: Record<IssueJson["state"], { label: string; tone: BadgeTone }> = {
  open: { label: "Open", tone: "blue" },
  in_progress: { label: "In progress", tone: "amber" },
  closed: { label: "Closed", tone: "green" },
};

export function IssueStateBadge({ state }: { state: IssueJson["state"] }) {
  const s = STATES[state] ?? STATES.open;
  return (
    <span data-testid="issue-state" data-state={state}>
      <Badge tone={s.tone}>{s.label}</Badge>
    </span>
  );
}

export const STATE_OPTIONS = (Object.keys(STATES) as IssueJson["state"][]).map((value) => ({ value, label: STATES[value].label }));

const PROVIDERS: Record<string, string> = { jira: "Jira", github: "GitHub", azure_devops: "Azure DevOps", simple_url: "Link" };

export function ExternalLink({ external }: { external: IssueJson["external"] }) {
  if (!external) return null;
  const text = `${PROVIDERS[external.provider] ?? external.provider} ${external.key}`;
  return external.url ? (
    <a href={external.url} target="_blank" rel="noreferrer" className="text-xs text-indigo-700 underline-offset-2 hover:underline">
      {text}
    </a>
  ) : (
    <span className="text-xs text-slate-600">{text}</span>
  );
}

export function LiveIndicator({ status }: { status: "connecting" | "live" | "reconnecting" }) {
  const text = { live: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…" }[status];
  return (
    <span role="status" data-testid="live-status" data-status={status} className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      <span aria-hidden className={`size-2 rounded-full ${status === "live" ? "bg-green-500" : "animate-pulse bg-amber-400"}`} />
      {text}
    </span>
  );
}

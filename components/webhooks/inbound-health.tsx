"use client";
// The inbound webhook's health on its card: when the tracker last delivered and when a delivery was
// last accepted, the last 24 hours by outcome, the last refusal in plain words, and a notice when the
// tracker went quiet or keeps being refused. Refreshes while the page is visible.
import { useQuery } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/api-client";
import type { InboundHealthJson } from "@/lib/inbound/inbound-health";
import { queryKeys } from "@/lib/query-keys";

const REFRESH_MS = 30_000;

const OUTCOMES: { outcome: string; label: string; tone: BadgeTone }[] = [
  { outcome: "applied", label: "applied", tone: "green" },
  { outcome: "imported", label: "imported", tone: "green" },
  { outcome: "ignored", label: "ignored", tone: "neutral" },
  { outcome: "duplicate", label: "duplicate", tone: "neutral" },
  { outcome: "synthetic", label: "Send Test", tone: "blue" },
  { outcome: "rejected", label: "refused", tone: "red" },
];

export function InboundHealth({ projectId }: { projectId: string }) {
  const health = useQuery({
    queryKey: queryKeys.inboundHealth(projectId),
    queryFn: () => api<{ health: InboundHealthJson }>(`/projects/${projectId}/webhooks/inbound/health`).then((r) => r.health),
    refetchInterval: REFRESH_MS,
  });
  if (health.isPending) return <Skeleton className="h-16" />;
  if (health.isError) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        Could not load recent deliveries: {errorMessage(health.error)}{" "}
        <button className="underline" onClick={() => void health.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  const h = health.data;
  const counts = OUTCOMES.filter((o) => h.last_24h[o.outcome as keyof typeof h.last_24h]);
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="inbound-health" aria-label="Recent deliveries">
      {h.notice && (
        <div role="alert" data-testid="inbound-notice" className={`flex gap-2 rounded-md px-3 py-2 text-sm ${h.notice.kind === "rejected" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}>
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>{h.notice.message}</p>
        </div>
      )}
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {[
          { term: "Last received", at: h.last_received_at },
          { term: "Last accepted", at: h.last_accepted_at },
        ].map(({ term, at }) => (
          <div key={term} className="flex gap-1">
            <dt className="text-slate-600">{term}</dt>
            <dd className="font-medium text-slate-900">
              <RelativeTime value={at} never="Nothing yet" />
            </dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap items-center gap-1.5 text-sm" data-testid="inbound-last-24h">
        <span className="text-slate-600">Last 24 hours:</span>
        {counts.length ? (
          counts.map((o) => (
            <Badge key={o.outcome} tone={o.tone}>
              {h.last_24h[o.outcome as keyof typeof h.last_24h]} {o.label}
            </Badge>
          ))
        ) : (
          <span className="text-slate-500">no deliveries</span>
        )}
      </div>
      {/* A "refused" notice already says what the last refusal was. */}
      {h.last_rejection && h.notice?.kind !== "rejected" && (
        <p className="text-sm text-slate-700" data-testid="inbound-last-rejection">
          <span className="text-slate-600">Last refused</span> <RelativeTime value={h.last_rejection.at} />: {h.last_rejection.message}
        </p>
      )}
    </div>
  );
}

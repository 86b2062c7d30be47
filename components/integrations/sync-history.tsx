"use client";
// Sync now and the sync history: each reconciliation run with what it fetched and changed, and why it
// stopped when it did not finish (rate limited until…, a limit, an error). Sync now starts a run in the
// background (202): the history shows it running, refetches every few seconds while any run is, and
// the run started here announces its result when it finishes.
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { RefreshCw } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonList } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import type { SyncRunJson } from "@/lib/inbound/sync-runs";
import { queryKeys } from "@/lib/query-keys";

const STATUS: Record<SyncRunJson["status"], { label: string; tone: BadgeTone }> = {
  running: { label: "Running", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
  partial: { label: "Partial", tone: "amber" },
  rate_limited: { label: "Rate limited", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
  abandoned: { label: "Interrupted", tone: "neutral" },
};

/** How often the history is read again: often while a run is running, else for the hourly runs. */
const RUNNING_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 60_000;

function resultToast(run: SyncRunJson) {
  const changed = run.updated + run.imported + run.deleted;
  return {
    tone: run.status === "succeeded" ? ("success" as const) : ("error" as const),
    title: run.status === "succeeded" ? (changed ? `Synced: ${changed} issue${changed === 1 ? "" : "s"} changed` : "Synced: everything was up to date") : `Sync ${STATUS[run.status].label.toLowerCase()}`,
    description:
      run.status === "rate_limited" && run.rate_limited_until
        ? `The tracker asked Switchyard to wait until ${format(new Date(run.rate_limited_until), "p")}; the next run continues from where this one stopped.`
        : (run.last_error ?? undefined),
  };
}

export function SyncHistory({ projectId, canSync }: { projectId: string; canSync: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const runs = useQuery({
    queryKey: queryKeys.syncRuns(projectId),
    queryFn: () => api<{ runs: SyncRunJson[] }>(`/projects/${projectId}/integration/sync`).then((r) => r.runs),
    // While a run is running it is watched closely; a scheduled run may also start or finish while the page is open.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "running") ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS),
  });
  // The run this page started, until the history shows it finished.
  const [started, setStarted] = useState<string | null>(null);
  const sync = useMutation({
    mutationFn: () => api<{ run: SyncRunJson }>(`/projects/${projectId}/integration/sync`, { method: "POST" }).then((r) => r.run),
    onSuccess: (run) => setStarted(run.id),
    onError: (err) => toast({ tone: "error", title: "Sync did not start", description: errorMessage(err) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncRuns(projectId) }),
  });
  const finished = runs.data?.find((r) => r.id === started && r.status !== "running");
  useEffect(() => {
    if (!finished) return;
    setStarted(null);
    toast(resultToast(finished));
  }, [finished, toast]);
  const running = sync.isPending || (!!started && !runs.isError) || !!runs.data?.some((r) => r.status === "running");

  let body;
  if (runs.isPending) body = <SkeletonList rows={2} label="Loading the sync history…" />;
  else if (runs.isError) {
    body = (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        Could not load the sync history: {errorMessage(runs.error)}{" "}
        <button className="underline" onClick={() => void runs.refetch()}>
          Try again
        </button>
      </p>
    );
  } else {
    body = (
      <Table
        caption="Sync history, newest first"
        isEmpty={!runs.data.length}
        empty={<EmptyState icon={<RefreshCw className="size-6" />} title="No syncs yet" description={canSync ? "Run Sync now, or wait for the hourly sync." : "Add an API credential to sync."} />}
      >
        <TableHead>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>Result</TableHeaderCell>
          <TableHeaderCell numeric>Fetched</TableHeaderCell>
          <TableHeaderCell numeric>Updated</TableHeaderCell>
          <TableHeaderCell numeric hideBelow="sm">Imported</TableHeaderCell>
          <TableHeaderCell numeric hideBelow="sm">Deleted</TableHeaderCell>
          <TableHeaderCell numeric hideBelow="md">Errors</TableHeaderCell>
        </TableHead>
        <TableBody>
          {runs.data.map((r) => (
            <TableRow key={r.id} data-testid="sync-run">
              <TableCell>
                <RelativeTime value={r.started_at} />
                <span className="block text-xs text-slate-500">{r.trigger === "manual" ? "Sync now" : "Hourly"}</span>
              </TableCell>
              <TableCell>
                <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
                {r.status === "rate_limited" && r.rate_limited_until ? (
                  <span className="mt-0.5 block text-xs text-slate-600">
                    until <RelativeTime value={r.rate_limited_until} />
                  </span>
                ) : (
                  r.last_error && <span className="mt-0.5 block max-w-xs text-xs break-words text-slate-600">{r.last_error}</span>
                )}
              </TableCell>
              <TableCell numeric>{r.fetched}</TableCell>
              <TableCell numeric>{r.updated}</TableCell>
              <TableCell numeric hideBelow="sm">{r.imported}</TableCell>
              <TableCell numeric hideBelow="sm">{r.deleted}</TableCell>
              <TableCell numeric hideBelow="md">{r.errors}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">Runs every hour, and whenever you press Sync now.</p>
        <Button size="sm" pending={running} disabled={!canSync || running} onClick={() => sync.mutate()}>
          {!running && <RefreshCw aria-hidden className="size-3.5" />}
          {running ? "Syncing…" : "Sync now"}
        </Button>
      </div>
      {body}
    </div>
  );
}

"use client";
// The bar above the Deliveries table: what is selected, what a bulk replay would send, and the
// button that sends it. Its height is reserved so the table does not move when it changes.
import { RotateCcw } from "lucide-react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { describePlan, planBulkReplay, type ReplayCandidate } from "@/lib/webhooks/bulk-replay";
import type { DeliveryRow } from "./types";

type BulkReplayResult = { replayed: DeliveryRow[]; waiting: DeliveryRow[] };

export function BulkReplayBar({
  projectId,
  selected,
  onClear,
  onReplayed,
}: {
  projectId: string;
  selected: ReplayCandidate[];
  onClear: () => void;
  /** Called with the sentence to keep showing once the replay is enqueued. */
  onReplayed: (message: string) => void;
}) {
  const toast = useToast();
  const plan = planBulkReplay(selected);
  const replay = useMutation({
    mutationFn: (ids: string[]) => api<BulkReplayResult>(`/projects/${projectId}/deliveries/replay`, { body: { ids } }),
    onSuccess: (res) => {
      const n = res.replayed.length;
      const waits = res.replayed.filter((d) => d.status === "paused").length + res.waiting.length;
      const message =
        `${n} ${n === 1 ? "delivery" : "deliveries"} enqueued for replay.` +
        (waits ? ` ${waits} wait${waits === 1 ? "s" : ""} for a paused or disabled webhook and will be sent once when it is resumed or re-enabled.` : "");
      toast({ tone: "success", title: "Replay enqueued", description: message });
      onReplayed(message);
    },
    onError: (err) => toast({ tone: "error", title: "Bulk replay failed", description: errorMessage(err) }),
  });
  return (
    <div className="flex min-h-12 flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" aria-live="polite">
      <p className="font-medium text-slate-900">{selected.length} selected</p>
      <p role={plan.ok ? undefined : "alert"} className={plan.ok ? "text-slate-600" : "text-red-700"} data-testid="bulk-plan">
        {describePlan(plan)}
      </p>
      <div className="ml-auto flex gap-2">
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear selection
        </Button>
        <Button size="sm" pending={replay.isPending} disabled={!plan.ok} onClick={() => plan.ok && replay.mutate(plan.ids)}>
          <RotateCcw aria-hidden className="size-3.5" />
          Replay selected
        </Button>
      </div>
    </div>
  );
}

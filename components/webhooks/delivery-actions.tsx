"use client";
// What an admin can do with one outbound delivery: Replay (a new delivery of the same event), Retry
// now (a retrying or dead one goes out at once) and Cancel retries (a retrying one stops). Each says
// what happened in plain words, including when the webhook is paused or disabled and the copy waits.
import { Ban, RotateCcw, Zap } from "lucide-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { DeliveryRow } from "./types";

const WAITS = "The webhook is paused or disabled: it waits, and is sent once when the webhook is resumed or re-enabled.";

export function DeliveryActions({ projectId, delivery, onReplayed }: { projectId: string; delivery: DeliveryRow; onReplayed: (id: string) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const path = `/projects/${projectId}/deliveries/${delivery.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(projectId) });
  const replay = useMutation({
    mutationFn: () => api<{ delivery: DeliveryRow; waiting: boolean }>(`${path}/replay`, { method: "POST" }),
    onSuccess: (res) => {
      toast(
        res.waiting
          ? { tone: "info", title: "Replay waiting", description: res.delivery.replay_of === delivery.id ? WAITS : `This event already waits as ${res.delivery.id}. ${WAITS}` }
          : { tone: "success", title: "Replay enqueued", description: `New delivery ${res.delivery.id}, same webhook-id.` },
      );
      onReplayed(res.delivery.id);
    },
    onError: (err) => toast({ tone: "error", title: "Replay failed", description: errorMessage(err) }),
    onSettled: refresh,
  });
  const retry = useMutation({
    mutationFn: () => api<{ delivery: DeliveryRow }>(`${path}/retry`, { method: "POST" }),
    onSuccess: () => toast({ tone: "success", title: "Retrying now", description: "The next attempt starts in a moment." }),
    onError: (err) => toast({ tone: "error", title: "Could not retry", description: errorMessage(err) }),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: () => api<{ delivery: DeliveryRow }>(`${path}/cancel`, { method: "POST" }),
    onSuccess: () => toast({ tone: "success", title: "Retries cancelled", description: "No further attempts will be made. Retry now or Replay still can." }),
    onError: (err) => toast({ tone: "error", title: "Could not cancel", description: errorMessage(err) }),
    onSettled: refresh,
  });
  const retrying = delivery.status === "failed";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {(retrying || delivery.status === "dead") && (
          <Button pending={retry.isPending} onClick={() => retry.mutate()}>
            <Zap aria-hidden className="size-4" />
            Retry now
          </Button>
        )}
        {retrying && (
          <Button variant="secondary" pending={cancel.isPending} onClick={() => cancel.mutate()}>
            <Ban aria-hidden className="size-4" />
            Cancel retries
          </Button>
        )}
        <Button variant={retrying || delivery.status === "dead" ? "secondary" : "primary"} pending={replay.isPending} onClick={() => replay.mutate()}>
          <RotateCcw aria-hidden className="size-4" />
          Replay
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        Replay sends the same event again as a new delivery; receivers can dedupe on its webhook-id.
        {retrying && " Retry now makes the next attempt at once; Cancel retries stops them."}
      </p>
    </div>
  );
}

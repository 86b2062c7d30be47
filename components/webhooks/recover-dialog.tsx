"use client";
// Recover: re-send every failed and dead delivery of a webhook since a chosen time. The dialog shows
// how many that is before anything is sent (the API's preview), and the limits that apply.
import { useState } from "react";
import { format } from "date-fns";
import { LifeBuoy } from "lucide-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage, singleFieldError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { OutboundWebhook } from "./types";

type Preview = { count: number; too_many: boolean; max_count: number; max_age_days: number };

const localInput = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm");

export function RecoverDialog({ projectId, webhook }: { projectId: string; webhook: OutboundWebhook }) {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(() => localInput(new Date(Date.now() - 86_400_000)));
  const queryClient = useQueryClient();
  const toast = useToast();
  const base = `/projects/${projectId}/webhooks/outbound/${webhook.id}/recover`;
  const sinceIso = since && !Number.isNaN(Date.parse(since)) ? new Date(since).toISOString() : "";
  const preview = useQuery({
    queryKey: queryKeys.recoverPreview(projectId, webhook.id, sinceIso),
    queryFn: () => api<Preview>(`${base}?since=${encodeURIComponent(sinceIso)}`),
    enabled: open && sinceIso !== "",
    retry: false,
  });
  const recover = useMutation({
    mutationFn: () => api<{ recovered: number; waiting: boolean }>(base, { body: { since: sinceIso } }),
    onSuccess: (res) => {
      toast({
        tone: "success",
        title: `${res.recovered} ${res.recovered === 1 ? "delivery" : "deliveries"} re-sent`,
        description: res.waiting ? "The webhook is paused or disabled: they wait and are sent once it is resumed or re-enabled." : "They are being sent now; each event once.",
      });
      setOpen(false);
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) }), queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(projectId) })]),
  });
  const count = preview.data?.count ?? 0;
  const fieldError = singleFieldError(preview.error ?? recover.error, "since");
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) recover.reset();
      }}
      trigger={
        <Button variant="secondary" size="sm">
          <LifeBuoy aria-hidden className="size-3.5" />
          Recover
        </Button>
      }
      title={`Recover failed deliveries of ${webhook.name}`}
      description="Re-sends every delivery that failed or died since the time you choose, each event once. Use it after the receiver was down."
      footer={
        <>
          <DialogClose>
            <Button variant="secondary" disabled={recover.isPending}>
              Cancel
            </Button>
          </DialogClose>
          <Button pending={recover.isPending} disabled={!preview.data || count === 0 || preview.data.too_many} onClick={() => recover.mutate()}>
            Re-send {count} {count === 1 ? "delivery" : "deliveries"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm">
        <Field id={`recover-since-${webhook.id}`} label="Failed since" error={fieldError} hint={`At most ${preview.data?.max_age_days ?? 14} days back.`}>
          <Input id={`recover-since-${webhook.id}`} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} aria-invalid={Boolean(fieldError)} />
        </Field>
        <p aria-live="polite" data-testid="recover-count">
          {preview.isFetching && !preview.data
            ? "Counting…"
            : preview.data
              ? preview.data.too_many
                ? `More than ${preview.data.max_count} deliveries failed since then: choose a later time and recover in steps.`
                : count === 0
                  ? "Nothing to re-send: no delivery failed since then, or each has been delivered since."
                  : `${count} failed ${count === 1 ? "delivery" : "deliveries"} will be sent again.`
              : null}
        </p>
        {webhook.paused || webhook.health === "disabled" ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">This webhook is {webhook.paused ? "paused" : "disabled"}: the deliveries will wait and go out once when it is {webhook.paused ? "resumed" : "re-enabled"}.</p>
        ) : null}
        {recover.error && !fieldError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {errorMessage(recover.error)}
          </p>
        )}
      </div>
    </Dialog>
  );
}

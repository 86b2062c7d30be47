"use client";
// The Outbound section: Add Webhook and one card per webhook, fed by react-query (the page seeds
// the cache with the server's first view, so nothing jumps when it hydrates).
import { Plus, Webhook } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { OutboundWebhookCard } from "./outbound-webhook-card";
import type { WebhooksResponse } from "./types";
import { LIVE_REFRESH_MS } from "./use-live-deliveries";
import { WebhookFormDialog } from "./webhook-form-dialog";

export function OutboundSection({ projectId }: { projectId: string }) {
  const query = useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => api<WebhooksResponse>(`/projects/${projectId}/webhooks`),
    // Health, recent deliveries and "last success" change while the page is open: keep the cards current (visible tabs only).
    refetchInterval: LIVE_REFRESH_MS,
  });
  const addButton = (
    <WebhookFormDialog
      projectId={projectId}
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" />
          Add Webhook
        </Button>
      }
    />
  );

  return (
    <section aria-labelledby="outbound-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="outbound-title" className="text-base font-semibold text-slate-900">
            Outbound
          </h2>
          <p className="text-sm text-slate-600">Push this project&apos;s events to Slack or to your own services.</p>
        </div>
        {addButton}
      </div>
      {query.isPending ? (
        <div role="status" aria-label="Loading webhooks" className="space-y-3">
          <Skeleton className="h-44 w-full" />
          <Skeleton className="h-44 w-full" />
        </div>
      ) : query.isError ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>Could not load webhooks: {errorMessage(query.error)}</p>
          <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : query.data.outbound.length === 0 ? (
        <EmptyState
          icon={<Webhook className="size-8" />}
          title="No outbound webhooks yet"
          description="Add a webhook to send test runs, sessions, cases and issue events to Slack or to a URL of yours."
        />
      ) : (
        <div className="space-y-3">
          {query.data.outbound.map((w) => (
            <OutboundWebhookCard key={w.id} projectId={projectId} webhook={w} />
          ))}
        </div>
      )}
    </section>
  );
}

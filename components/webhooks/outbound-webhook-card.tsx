"use client";
// One outbound webhook: identity, health (and what Degraded means), timings, its latest test and
// recent deliveries, the actions an admin needs, and its events.
import { useState } from "react";
import { Pause, Pencil, Play, Power, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { DISABLED_AFTER } from "@/lib/outbound/health";
import { degradedExplanation } from "@/lib/webhooks/health-view";
import { ConfirmAction } from "./confirm-action";
import { EventSubscriptions } from "./event-subscriptions";
import { HealthBadge } from "./health-badge";
import { RetiringSecretNotice, RotatedSecret, RotateSecretButton } from "./secret-rotation";
import { SendTestButton } from "./send-test-button";
import { RecoverDialog } from "./recover-dialog";
import type { OutboundWebhook } from "./types";
import { useWebhookActions } from "./use-webhook-actions";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { WebhookRecentDeliveries } from "./webhook-recent-deliveries";

export function OutboundWebhookCard({ projectId, webhook }: { projectId: string; webhook: OutboundWebhook }) {
  const [rotatedSecret, setRotatedSecret] = useState<string | null>(null);
  const { togglePause, enable, remove } = useWebhookActions(projectId, webhook);
  const base = `/projects/${projectId}/webhooks/outbound/${webhook.id}`;

  const titleId = `webhook-${webhook.id}-title`;
  return (
    <article aria-labelledby={titleId} data-testid="outbound-webhook-card" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="space-y-3 p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={titleId} className="truncate text-sm font-semibold text-slate-900">
                {webhook.name}
              </h3>
              <Badge tone={webhook.kind === "slack" ? "blue" : "neutral"}>{webhook.kind === "slack" ? "Slack" : "HMAC"}</Badge>
              <HealthBadge webhook={webhook} />
            </div>
            <p className="font-mono text-xs break-all text-slate-600">{webhook.url}</p>
            <p className="text-xs text-slate-600">
              {webhook.events.length} of {EVENT_TYPES.length} events subscribed
              {webhook.parked_count > 0 && (
                <span className="text-amber-800">
                  {" "}
                  · {webhook.parked_count} {webhook.parked_count === 1 ? "delivery" : "deliveries"} parked
                </span>
              )}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <SendTestButton projectId={projectId} endpoint={`${base}/test`} />
            {webhook.health === "disabled" && (
              <ConfirmAction
                trigger={
                  <Button size="sm">
                    <Power aria-hidden className="size-3.5" />
                    Re-enable
                  </Button>
                }
                title={`Re-enable ${webhook.name}?`}
                description={
                  <>
                    Switchyard stopped sending to this webhook after {webhook.consecutive_failures || DISABLED_AFTER} failed attempts in a row. Re-enabling resets
                    the failure counter to zero and sends the deliveries parked meanwhile. If failures recur, the webhook is disabled again
                    automatically, so fix the receiver first.
                  </>
                }
                confirmLabel="Re-enable"
                onConfirm={() => enable.mutateAsync()}
              />
            )}
          </div>
        </div>

        {webhook.health === "disabled" && (
          <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            Disabled after {DISABLED_AFTER} failed attempts in a row: nothing is sent and new deliveries are parked. Fix the receiver, then Re-enable.
          </p>
        )}
        {webhook.health === "degraded" && !webhook.paused && (
          <p role="status" data-testid="degraded-explanation" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {degradedExplanation(webhook.consecutive_failures)}
          </p>
        )}

        <dl className="grid grid-cols-1 gap-2 text-xs sm:grid-cols-3">
          {(
            [
              ["Last dispatched", webhook.last_dispatched_at],
              ["Last success", webhook.last_success_at],
              ["Last failure", webhook.last_failure_at],
            ] as const
          ).map(([label, at]) => (
            <div key={label} className="flex gap-1.5 sm:block">
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-slate-800">
                <RelativeTime value={at} />
              </dd>
            </div>
          ))}
        </dl>

        <WebhookRecentDeliveries projectId={projectId} webhook={webhook} />

        {rotatedSecret && <RotatedSecret secret={rotatedSecret} onDismiss={() => setRotatedSecret(null)} />}
        <RetiringSecretNotice projectId={projectId} webhook={webhook} />

        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          <WebhookFormDialog
            projectId={projectId}
            webhook={webhook}
            trigger={
              <Button variant="secondary" size="sm">
                <Pencil aria-hidden className="size-3.5" />
                Edit
              </Button>
            }
          />
          {webhook.kind === "generic" && <RotateSecretButton projectId={projectId} webhook={webhook} onRotated={setRotatedSecret} />}
          <Button variant="secondary" size="sm" pending={togglePause.isPending} onClick={() => togglePause.mutate()}>
            {!togglePause.isPending && (webhook.paused ? <Play aria-hidden className="size-3.5" /> : <Pause aria-hidden className="size-3.5" />)}
            {webhook.paused ? "Resume" : "Pause"}
          </Button>
          <RecoverDialog projectId={projectId} webhook={webhook} />
          <ConfirmAction
            trigger={
              <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
                <Trash2 aria-hidden className="size-3.5" />
                Delete
              </Button>
            }
            title={`Delete the webhook "${webhook.name}"?`}
            description="It stops receiving events at once and its delivery history is removed. This cannot be undone."
            confirmLabel={`Delete ${webhook.name}`}
            danger
            onConfirm={() => remove.mutateAsync()}
          />
        </div>

        <details className="group rounded-md border border-slate-200">
          <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Event subscriptions ({webhook.events.length})
          </summary>
          <div className="border-t border-slate-200 p-3">
            <p className="mb-3 text-xs text-slate-600">Changes save as you click.</p>
            <EventSubscriptions projectId={projectId} webhook={webhook} />
          </div>
        </details>
      </div>
    </article>
  );
}

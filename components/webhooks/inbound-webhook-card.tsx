"use client";
// The project's inbound webhook once it exists: tracker, redacted URL, Send Test, Rotate and Delete.
import { RotateCw, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { PROVIDER_LABELS } from "@/components/integrations/providers";
import { ConfirmAction } from "./confirm-action";
import { InboundHealth } from "./inbound-health";
import { SendTestButton } from "./send-test-button";
import type { InboundWebhook } from "./types";

export function InboundWebhookCard({
  projectId,
  webhook,
  target,
  onRotate,
  onDelete,
}: {
  projectId: string;
  webhook: InboundWebhook;
  target: string;
  onRotate: () => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}) {
  return (
    <div className="space-y-3" data-testid="inbound-webhook">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="blue">{PROVIDER_LABELS[webhook.provider]}</Badge>
        {target && <span className="text-sm text-slate-600">{target}</span>}
        <span className="text-xs text-slate-500">
          Created <RelativeTime value={webhook.created_at} />
          {webhook.rotated_at && (
            <>
              {" · "}rotated <RelativeTime value={webhook.rotated_at} />
            </>
          )}
        </span>
      </div>
      <div>
        <p className="text-xs font-medium text-slate-700">Webhook URL</p>
        <code data-testid="inbound-url" className="mt-1 block overflow-x-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800">
          {webhook.url}
        </code>
        <p className="mt-1 text-xs text-slate-500">
          {webhook.auth === "basic"
            ? "The URL token and the Basic credentials were shown once and cannot be read again."
            : "The URL token and the secret were shown once and cannot be read again. Rotate to get new ones."}
        </p>
      </div>
      <InboundHealth projectId={projectId} />
      <div className="flex flex-wrap gap-2">
        <SendTestButton projectId={projectId} endpoint={`/projects/${projectId}/webhooks/inbound/test`} />
        {webhook.auth === "hmac" && (
          <ConfirmAction
            trigger={
              <Button variant="secondary" size="sm">
                <RotateCw aria-hidden className="size-3.5" /> Rotate
              </Button>
            }
            title="Rotate the URL and secret?"
            description={`A new URL and secret replace the current ones at once: the current URL answers 404 from now on, so ${PROVIDER_LABELS[webhook.provider]} stops delivering until you paste the new values.`}
            confirmLabel="Rotate now"
            onConfirm={onRotate}
          />
        )}
        <ConfirmAction
          trigger={
            <Button variant="danger" size="sm">
              <Trash2 aria-hidden className="size-3.5" /> Delete
            </Button>
          }
          title="Delete the inbound webhook?"
          description={`Its URL answers 404 from now on and issue updates from ${PROVIDER_LABELS[webhook.provider]} stop arriving. Past deliveries stay in the Deliveries tab.`}
          confirmLabel="Delete webhook"
          danger
          onConfirm={onDelete}
        />
      </div>
    </div>
  );
}


"use client";
// Rotate Secret (generic webhooks): confirm → the new secret in a reveal-once panel. While the old
// secret is retiring, receivers may verify with either; the card shows when it auto-retires, with
// Retire now and a one-time Extend.
import { RefreshCw } from "lucide-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ConfirmAction } from "./confirm-action";
import { RevealOncePanel } from "./reveal-once-panel";
import { retiringSecret, type OutboundWebhook } from "./types";

export function RotateSecretButton({ projectId, webhook, onRotated }: { projectId: string; webhook: OutboundWebhook; onRotated: (secret: string) => void }) {
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => api<{ secret: string }>(`/projects/${projectId}/webhooks/outbound/${webhook.id}/rotate`, { method: "POST" }),
    onSuccess: ({ secret }) => onRotated(secret),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) }),
  });
  return (
    <ConfirmAction
      trigger={
        <Button variant="secondary" size="sm">
          <RefreshCw aria-hidden className="size-3.5" />
          Rotate Secret
        </Button>
      }
      title={`Rotate the signing secret of ${webhook.name}?`}
      description="A new secret is created and shown once. The current secret keeps signing alongside it for a while, so receivers can switch over without dropping deliveries; then it retires automatically."
      confirmLabel="Rotate secret"
      onConfirm={() => rotate.mutateAsync()}
    />
  );
}

/** The new secret after a rotation; dropped from state on dismissal. */
export function RotatedSecret({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <RevealOncePanel
      title="Save the new signing secret"
      values={[{ label: "New signing secret", value: secret }]}
      steps={<p>Deliveries are signed with both the previous and the new secret until the previous one retires.</p>}
      onDismiss={onDismiss}
    />
  );
}

export function RetiringSecretNotice({ projectId, webhook }: { projectId: string; webhook: OutboundWebhook }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const base = `/projects/${projectId}/webhooks/outbound/${webhook.id}`;
  const onSettled = () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
  const extend = useMutation({
    mutationFn: () => api(`${base}/extend`, { method: "POST" }),
    onSuccess: () => toast({ tone: "success", title: "Deadline extended", description: "The previous secret keeps signing for longer. This can be done once." }),
    onError: (err) => toast({ tone: "error", title: "Could not extend", description: errorMessage(err) }),
    onSettled,
  });
  const retire = useMutation({
    mutationFn: () => api(`${base}/retire`, { method: "POST" }),
    onSuccess: () => toast({ tone: "success", title: "Previous secret retired" }),
    onSettled,
  });
  const retiring = retiringSecret(webhook);
  if (!retiring) return null;

  return (
    <div data-testid="retiring-secret" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950">
      <p>
        Previous secret still signs; it retires <RelativeTime value={retiring.retire_at} />.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {retiring.extended ? (
          <p className="text-xs text-blue-900">Already extended once, so it cannot be extended again.</p>
        ) : (
          <Button variant="secondary" size="sm" pending={extend.isPending} onClick={() => extend.mutate()}>
            Extend
          </Button>
        )}
        <ConfirmAction
          trigger={
            <Button variant="secondary" size="sm">
              Retire now
            </Button>
          }
          title="Retire the previous secret now?"
          description="Deliveries will be signed with the new secret only. Receivers still verifying with the previous secret will start rejecting them."
          confirmLabel="Retire now"
          danger
          onConfirm={() => retire.mutateAsync()}
        />
      </div>
    </div>
  );
}

"use client";
// The writes a webhook card makes (pause, resume, re-enable, delete) as react-query mutations, each
// refreshing the Webhooks page's query and the Deliveries views it changes (parked rows move).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { OutboundWebhook } from "./types";

export function useWebhookActions(projectId: string, webhook: OutboundWebhook) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const base = `/projects/${projectId}/webhooks/outbound/${webhook.id}`;
  const onSettled = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) }), queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(projectId) })]);
  const togglePause = useMutation({
    mutationFn: () => api(`${base}/${webhook.paused ? "resume" : "pause"}`, { method: "POST" }),
    onSuccess: () =>
      toast({
        tone: "success",
        title: webhook.paused ? "Webhook resumed" : "Webhook paused",
        description: webhook.paused ? "Parked deliveries are being sent." : "New deliveries are parked until you resume.",
      }),
    onError: (err) => toast({ tone: "error", title: webhook.paused ? "Could not resume" : "Could not pause", description: errorMessage(err) }),
    onSettled,
  });
  const enable = useMutation({
    mutationFn: () => api(`${base}/enable`, { method: "POST" }),
    onSuccess: () => toast({ tone: "success", title: "Webhook re-enabled", description: "Parked deliveries are being sent, each event once." }),
    onSettled,
  });
  const remove = useMutation({
    mutationFn: () => api(base, { method: "DELETE" }),
    onSuccess: () => toast({ tone: "success", title: `Webhook "${webhook.name}" deleted` }),
    onSettled,
  });
  return { togglePause, enable, remove };
}

"use client";
// The inbound webhook's data and its three writes (create, rotate, delete) as react-query queries and
// mutations; every write refreshes the Webhooks page's one query.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Integration } from "@/components/integrations/providers";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { InboundWebhook, WebhooksResponse } from "./types";

/** What a create or rotate response reveals once. */
export type Revealed = { provider: InboundWebhook["provider"]; url: string; secret?: string; username?: string; rotated: boolean };

export function useInboundWebhook(projectId: string) {
  const queryClient = useQueryClient();
  const integration = useQuery({
    queryKey: queryKeys.integration(projectId),
    queryFn: () => api<{ integration: Integration | null }>(`/projects/${projectId}/integration`).then((r) => r.integration),
  });
  const webhooks = useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => api<WebhooksResponse>(`/projects/${projectId}/webhooks`),
  });
  const onSettled = () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
  const create = useMutation({
    mutationFn: async (body: object): Promise<Revealed> => {
      const res = await api<{ url: string; secret?: string; username?: string; webhook: InboundWebhook }>(`/projects/${projectId}/webhooks/inbound`, { body });
      return { provider: res.webhook.provider, url: res.url, secret: res.secret, username: res.username, rotated: false };
    },
    onSettled,
  });
  const rotate = useMutation({
    mutationFn: async (): Promise<Revealed> => {
      const res = await api<{ url: string; secret: string; webhook: InboundWebhook }>(`/projects/${projectId}/webhooks/inbound/rotate`, { method: "POST" });
      return { provider: res.webhook.provider, url: res.url, secret: res.secret, rotated: true };
    },
    onSettled,
  });
  const remove = useMutation({
    mutationFn: () => api(`/projects/${projectId}/webhooks/inbound`, { method: "DELETE" }),
    onSettled,
  });
  return { integration, webhooks, inbound: webhooks.data?.inbound ?? null, create, rotate, remove };
}

import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { AdminsOnly } from "@/components/admins-only";
import { InboundSection } from "@/components/webhooks/inbound-section";
import { OutboundSection } from "@/components/webhooks/outbound-section";
import { WebhooksTabs } from "@/components/webhooks/webhooks-tabs";
import { requirePageMember } from "@/lib/auth/page-access";
import { getProjectWebhooks } from "@/lib/outbound/webhooks";
import { queryKeys } from "@/lib/query-keys";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await requirePageMember(projectId, `/projects/${projectId}/settings/webhooks`);
  if (actor.role !== "admin") return <AdminsOnly projectId={projectId} what="webhooks" />;
  // Both sections read the same query; seeding the cache renders them complete on first paint.
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.webhooks(projectId), await getProjectWebhooks(projectId));
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <WebhooksTabs projectId={projectId} current="webhooks" />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <InboundSection projectId={projectId} />
        <OutboundSection projectId={projectId} />
      </HydrationBoundary>
    </div>
  );
}

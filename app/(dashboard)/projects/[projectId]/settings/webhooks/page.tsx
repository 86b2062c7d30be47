import type { Metadata } from "next";
import { AdminsOnly } from "@/components/admins-only";
import { InboundSection } from "@/components/webhooks/inbound-section";
import { OutboundSection } from "@/components/webhooks/outbound-section";
import { WebhooksTabs } from "@/components/webhooks/webhooks-tabs";
import { requirePageMember } from "@/lib/auth/page-access";
import { getInboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import { listOutboundWebhooks } from "@/lib/outbound/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await requirePageMember(projectId, `/projects/${projectId}/settings/webhooks`);
  if (actor.role !== "admin") return <AdminsOnly projectId={projectId} what="webhooks" />;
  const [inbound, outbound] = await Promise.all([getInboundWebhookSummary(projectId), listOutboundWebhooks(projectId)]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <WebhooksTabs projectId={projectId} current="webhooks" />
      <InboundSection projectId={projectId} />
      <OutboundSection projectId={projectId} initialData={{ inbound, outbound }} />
    </div>
  );
}

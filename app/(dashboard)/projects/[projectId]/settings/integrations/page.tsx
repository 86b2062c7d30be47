import type { Metadata } from "next";
import { AdminsOnly } from "@/components/admins-only";
import { IntegrationSettings } from "@/components/integrations/integration-settings";
import type { Integration } from "@/components/integrations/providers";
import { TrackerSyncCard } from "@/components/integrations/tracker-sync-card";
import { requirePageMember } from "@/lib/auth/page-access";
import { getInboundWebhookSummary } from "@/lib/inbound/inbound-webhooks";
import { getIntegration } from "@/lib/inbound/integrations";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await requirePageMember(projectId, `/projects/${projectId}/settings/integrations`);
  if (actor.role !== "admin") return <AdminsOnly projectId={projectId} what="the issue integration" />;
  const [integration, inbound] = await Promise.all([getIntegration(projectId), getInboundWebhookSummary(projectId)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Integrations</h1>
        <p className="mt-1 text-sm text-slate-600">Link this project&apos;s issues to your team&apos;s issue tracker.</p>
      </div>
      <IntegrationSettings projectId={projectId} initial={integration as Integration | null} hasInboundWebhook={!!inbound} />
      <TrackerSyncCard projectId={projectId} initial={integration as Integration | null} />
    </div>
  );
}

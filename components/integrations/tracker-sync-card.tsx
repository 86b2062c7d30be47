"use client";
// Settings → Integrations, below the tracker choice: the tracker API credential and the sync history
// with Sync now. Shown only for Jira, GitHub and Azure DevOps (Simple URL has no API).
import { useQuery } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { PROVIDER_LABELS, type Integration } from "./providers";
import { SyncHistory } from "./sync-history";
import { TrackerCredential } from "./tracker-credential";

export function TrackerSyncCard({ projectId, initial }: { projectId: string; initial: Integration | null }) {
  const { data: integration } = useQuery({
    queryKey: queryKeys.integration(projectId),
    queryFn: () => api<{ integration: Integration | null }>(`/projects/${projectId}/integration`).then((r) => r.integration),
    initialData: initial,
  });
  if (!integration || integration.provider === "simple_url") return null;
  const tracker = { ...integration, provider: integration.provider };
  return (
    <Card>
      <section aria-labelledby="tracker-sync-title">
        <CardHeader title={<span id="tracker-sync-title">Sync through the {PROVIDER_LABELS[integration.provider]} API</span>} description="Heals issues whose webhook was missed: changes are re-read from the tracker and applied like webhook deliveries." />
        <CardBody className="space-y-5">
          <TrackerCredential projectId={projectId} integration={tracker} />
          <SyncHistory projectId={projectId} canSync={!!integration.credential} />
        </CardBody>
      </section>
    </Card>
  );
}

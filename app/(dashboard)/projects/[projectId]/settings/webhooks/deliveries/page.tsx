import type { Metadata } from "next";
import { Suspense } from "react";
import { AdminsOnly } from "@/components/admins-only";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveriesView } from "@/components/webhooks/deliveries-view";
import { WebhooksTabs } from "@/components/webhooks/webhooks-tabs";
import { requirePageMember } from "@/lib/auth/page-access";
import { listDeliveries, listDeliveriesQuery } from "@/lib/outbound/deliveries";
import { filtersFromParams, filtersToQuery } from "@/lib/webhooks/delivery-filters";

export const metadata: Metadata = { title: "Deliveries" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeliveriesPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: SearchParams }) {
  const { projectId } = await params;
  const actor = await requirePageMember(projectId, `/projects/${projectId}/settings/webhooks/deliveries`);
  if (actor.role !== "admin") return <AdminsOnly projectId={projectId} what="webhooks" />;
  const filters = filtersFromParams(await searchParams);
  // Filters the API refuses (e.g. "to" before "from") render no first page; the list then shows the API's message.
  const query = listDeliveriesQuery.safeParse(filters);
  const firstPage = query.success ? await listDeliveries(projectId, query.data) : undefined;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <WebhooksTabs projectId={projectId} current="deliveries" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <DeliveriesView projectId={projectId} initialPage={firstPage} initialQuery={filtersToQuery(filters)} />
      </Suspense>
    </div>
  );
}

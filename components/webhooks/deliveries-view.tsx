"use client";
// The Deliveries tab: search, filters and the open drawer in the URL, a live list (statuses change in
// place, new deliveries wait behind an "N new" button), keyset "Load more", and bulk replay.
import { useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ArrowUp, Inbox } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { filtersFromParams, filtersToQuery, type DeliveryFilters } from "@/lib/webhooks/delivery-filters";
import { BulkReplayBar } from "./bulk-replay-bar";
import { DeliveriesTable } from "./deliveries-table";
import { DeliveryDrawer } from "./delivery-drawer";
import { DeliveryFiltersBar } from "./delivery-filters-bar";
import type { DeliveriesPage, DeliveryRow, WebhooksResponse } from "./types";
import { useLiveDeliveries } from "./use-live-deliveries";

export function DeliveriesView({
  projectId,
  initialPage,
  initialQuery = "",
}: {
  projectId: string;
  /** The first page the server rendered, for the filters in `initialQuery`. */
  initialPage?: DeliveriesPage;
  initialQuery?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);
  const openId = searchParams.get("delivery");
  const [selected, setSelected] = useState<Map<string, DeliveryRow["direction"]>>(new Map());
  const [bulkResult, setBulkResult] = useState<string | null>(null);

  const { list, rows, newCount, newCountCapped, showNew, reload } = useLiveDeliveries(projectId, filters, initialPage && { page: initialPage, query: initialQuery });
  const webhooks = useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => api<WebhooksResponse>(`/projects/${projectId}/webhooks`),
  });
  const webhookOptions = (webhooks.data?.outbound ?? []).map((w) => ({ value: w.id, label: w.name }));
  const inboundId = webhooks.data?.inbound?.id;
  if (inboundId) webhookOptions.push({ value: inboundId, label: "Inbound webhook" });

  function navigate(next: DeliveryFilters, delivery?: string | null) {
    const query = new URLSearchParams(filtersToQuery(next).slice(1));
    if (delivery) query.set("delivery", delivery);
    const qs = query.toString();
    router.replace(`${pathname}${qs ? `?${qs}` : ""}`, { scroll: false });
  }
  function changeFilters(next: DeliveryFilters) {
    setSelected(new Map());
    setBulkResult(null);
    navigate(next);
  }
  function toggleRow(row: DeliveryRow, on: boolean) {
    setBulkResult(null);
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(row.id, row.direction);
      else next.delete(row.id);
      return next;
    });
  }
  function toggleAll(on: boolean) {
    setBulkResult(null);
    setSelected(on ? new Map(rows.map((r) => [r.id, r.direction])) : new Map());
  }
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-4">
      <DeliveryFiltersBar filters={filters} webhooks={webhookOptions} onChange={changeFilters} />
      {list.data && <p className="text-xs text-slate-500">Deliveries are kept for {list.data.pages[0].retention_days} days.</p>}
      {selected.size === 0 ? (
        <p className="flex min-h-12 items-center rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600" aria-live="polite">
          {bulkResult ?? "Select outbound deliveries to replay them in bulk (up to 100 at once)."}
        </p>
      ) : (
        <BulkReplayBar
          projectId={projectId}
          selected={[...selected].map(([id, direction]) => ({ id, direction }))}
          onClear={() => toggleAll(false)}
          onReplayed={(message) => {
            setBulkResult(message);
            setSelected(new Map());
            // The replays are the admin's own doing: show them at the top at once.
            void reload();
          }}
        />
      )}
      {newCount > 0 && (
        <div className="flex justify-center" aria-live="polite">
          <Button size="sm" variant="secondary" onClick={() => void showNew()} data-testid="show-new-deliveries">
            <ArrowUp aria-hidden className="size-3.5" />
            {newCountCapped ? `${newCount}+` : newCount} new {newCount === 1 ? "delivery" : "deliveries"}
          </Button>
        </div>
      )}
      {list.isPending ? (
        <div role="status" aria-label="Loading deliveries" className="space-y-2">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-11 w-full" />
          ))}
        </div>
      ) : list.isError && rows.length === 0 ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>Could not load deliveries: {errorMessage(list.error)}</p>
          <Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
            Retry
          </Button>
        </div>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Inbox className="size-8" />}
          title={filtered ? "No deliveries match these filters" : "No deliveries yet"}
          description={
            filtered
              ? "Clear or change the filters to see more. Search finds exact ids only."
              : "Deliveries appear here when a subscribed event happens. Add a webhook on the Webhooks tab and press Send Test."
          }
        />
      ) : (
        <DeliveriesTable
          rows={rows}
          openId={openId}
          selected={selected}
          onOpen={(id) => navigate(filters, id)}
          onToggle={toggleRow}
          onToggleAll={toggleAll}
          footer={
            <>
              <span>
                {rows.length} {rows.length === 1 ? "delivery" : "deliveries"} shown
              </span>
              {list.hasNextPage ? (
                <Button variant="secondary" size="sm" pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  Load more
                </Button>
              ) : (
                <span>That is all of them.</span>
              )}
            </>
          }
        />
      )}
      <DeliveryDrawer projectId={projectId} deliveryId={openId} onOpen={(id) => navigate(filters, id)} onClose={() => navigate(filters)} />
    </div>
  );
}

"use client";
// The Deliveries tab: newest first, filters in the URL, keyset "Load more", a drawer per row and
// bulk replay of the selected outbound rows.
import { useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Inbox, RotateCcw } from "lucide-react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { planBulkReplay, describePlan } from "@/lib/webhooks/bulk-replay";
import { deliveryBadge } from "@/lib/webhooks/delivery-badge";
import { filtersFromParams, filtersToQuery, type DeliveryFilters } from "@/lib/webhooks/delivery-filters";
import { DeliveryDrawer } from "./delivery-drawer";
import { DeliveryFiltersBar } from "./delivery-filters-bar";
import type { DeliveriesPage, DeliveryRow, WebhooksResponse } from "./types";

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
  const queryClient = useQueryClient();
  const toast = useToast();
  const [selected, setSelected] = useState<Map<string, DeliveryRow["direction"]>>(new Map());
  const [bulkPending, setBulkPending] = useState(false);
  const [bulkResult, setBulkResult] = useState<string | null>(null);

  const list = useInfiniteQuery({
    queryKey: queryKeys.deliveries(projectId, filters),
    queryFn: ({ pageParam, signal }) => api<DeliveriesPage>(`/projects/${projectId}/deliveries${filtersToQuery(filters, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // The server rendered the first page for the URL's filters; other filters fetch their own.
    initialData: initialPage && filtersToQuery(filters) === initialQuery ? { pages: [initialPage], pageParams: [null] } : undefined,
  });
  const webhooks = useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => api<WebhooksResponse>(`/projects/${projectId}/webhooks`),
  });
  const webhookOptions = (webhooks.data?.outbound ?? []).map((w) => ({ value: w.id, label: w.name }));
  const inboundId = webhooks.data?.inbound?.id;
  if (inboundId) webhookOptions.push({ value: inboundId, label: "Inbound webhook" });

  const rows = list.data?.pages.flatMap((p) => p.deliveries) ?? [];
  const plan = planBulkReplay([...selected].map(([id, direction]) => ({ id, direction })));
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

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

  async function bulkReplay() {
    if (!plan.ok) return;
    setBulkPending(true);
    try {
      const res = await api<{ replayed: DeliveryRow[] }>(`/projects/${projectId}/deliveries/replay`, { body: { ids: plan.ids } });
      const n = res.replayed.length;
      const message = `${n} ${n === 1 ? "delivery" : "deliveries"} enqueued for replay.`;
      setBulkResult(message);
      toast({ tone: "success", title: "Replay enqueued", description: message });
      setSelected(new Map());
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "deliveries"] });
    } catch (err) {
      toast({ tone: "error", title: "Bulk replay failed", description: errorMessage(err) });
    } finally {
      setBulkPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <DeliveryFiltersBar filters={filters} webhooks={webhookOptions} onChange={changeFilters} />
      {list.data && <p className="text-xs text-slate-500">Deliveries are kept for {list.data.pages[0].retention_days} days.</p>}

      {/* Reserved height: the bar appears and disappears without pushing the table around. */}
      <div className="flex min-h-12 flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" aria-live="polite">
        {selected.size === 0 ? (
          <p className="text-slate-600">{bulkResult ?? "Select outbound deliveries to replay them in bulk (up to 100 at once)."}</p>
        ) : (
          <>
            <p className="font-medium text-slate-900">{selected.size} selected</p>
            <p role={plan.ok ? undefined : "alert"} className={plan.ok ? "text-slate-600" : "text-red-700"} data-testid="bulk-plan">
              {describePlan(plan)}
            </p>
            <div className="ml-auto flex gap-2">
              <Button variant="ghost" size="sm" onClick={() => toggleAll(false)}>
                Clear selection
              </Button>
              <Button size="sm" pending={bulkPending} disabled={!plan.ok} onClick={() => void bulkReplay()}>
                <RotateCcw aria-hidden className="size-3.5" />
                Replay selected
              </Button>
            </div>
          </>
        )}
      </div>

      {list.isPending ? (
        <div role="status" aria-label="Loading deliveries" className="space-y-2">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-11 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>Could not load deliveries: {errorMessage(list.error)}</p>
          <Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
            Retry
          </Button>
        </div>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Inbox className="size-8" />}
          title={Object.keys(filters).length ? "No deliveries match these filters" : "No deliveries yet"}
          description={
            Object.keys(filters).length
              ? "Clear or change the filters to see more."
              : "Deliveries appear here when a subscribed event happens. Add a webhook on the Webhooks tab and press Send Test."
          }
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="w-10 px-3 py-2">
                  <Checkbox
                    aria-label="Select all on this page"
                    checked={allSelected ? true : selected.size > 0 ? "indeterminate" : false}
                    onCheckedChange={() => toggleAll(!allSelected)}
                  />
                </th>
                <th scope="col" className="px-3 py-2 font-medium">Event</th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Direction</th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Webhook</th>
                <th scope="col" className="px-3 py-2 font-medium">HTTP</th>
                <th scope="col" className="px-3 py-2 font-medium">Outcome</th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Attempts</th>
                <th scope="col" className="px-3 py-2 font-medium">Time</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => {
                const badge = deliveryBadge(row);
                return (
                  <tr
                    key={row.id}
                    data-testid="delivery-row"
                    data-delivery-id={row.id}
                    onClick={() => navigate(filters, row.id)}
                    className={`cursor-pointer hover:bg-slate-50 ${openId === row.id ? "bg-indigo-50" : ""}`}
                  >
                    <td className="px-3 py-2" onClick={(e) => e.stopPropagation()}>
                      <Checkbox aria-label={`Select delivery ${row.id}`} checked={selected.has(row.id)} onCheckedChange={(v) => toggleRow(row, v === true)} />
                    </td>
                    <td className="px-3 py-2">
                      <button
                        type="button"
                        onClick={(e) => {
                          e.stopPropagation();
                          navigate(filters, row.id);
                        }}
                        className="rounded text-left font-mono text-xs text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                      >
                        {row.event_type}
                      </button>
                      {row.replay_of && <span className="ml-1 text-xs text-slate-500">(replay)</span>}
                    </td>
                    <td className="hidden px-3 py-2 text-xs text-slate-700 capitalize sm:table-cell">{row.direction}</td>
                    <td className="hidden max-w-48 truncate px-3 py-2 text-xs text-slate-700 md:table-cell">{row.webhook_name ?? "—"}</td>
                    <td className="px-3 py-2 font-mono text-xs">{row.last_status_code ?? "—"}</td>
                    <td className="px-3 py-2">
                      <Badge tone={badge.tone}>{badge.label}</Badge>
                    </td>
                    <td className="hidden px-3 py-2 text-xs sm:table-cell">{row.attempts}</td>
                    <td className="px-3 py-2 text-xs text-slate-700">
                      <RelativeTime value={row.created_at} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
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
          </div>
        </div>
      )}

      <DeliveryDrawer projectId={projectId} deliveryId={openId} onOpen={(id) => navigate(filters, id)} onClose={() => navigate(filters)} />
    </div>
  );
}

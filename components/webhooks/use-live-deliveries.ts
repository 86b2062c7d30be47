"use client";
// The Deliveries list, kept current while the tab is visible without ever moving under the reader.
// The list is anchored at the newest delivery it showed when it (re)loaded: every refresh asks for
// rows up to that moment only (`to`), so statuses change in place and nothing is inserted above.
// A second query counts what arrived after the anchor; "N new" moves the anchor and shows them.
import { useRef } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { filtersToQuery, type DeliveryFilters } from "@/lib/webhooks/delivery-filters";
import type { DeliveriesPage, DeliveryRow } from "./types";

/** How often visible Deliveries views (list, drawer, cards) refresh; react-query pauses it in hidden tabs. */
export const LIVE_REFRESH_MS = 3_000;
const NEW_LIMIT = 100;

const later = (a: string | undefined, b: string) => (a && Date.parse(a) > Date.parse(b) ? a : b);
const earlier = (a: string | undefined, b: string) => (a && Date.parse(a) < Date.parse(b) ? a : b);

export function useLiveDeliveries(projectId: string, filters: DeliveryFilters, initial?: { page: DeliveriesPage; query: string }) {
  const filterQuery = filtersToQuery(filters);
  const seeded = initial && initial.query === filterQuery ? initial.page : undefined;
  // Per filter set: the created_at of the newest row on screen (server time), or null before any row.
  const anchors = useRef(new Map<string, string | null>());
  if (!anchors.current.has(filterQuery)) anchors.current.set(filterQuery, seeded?.deliveries[0]?.created_at ?? null);
  const anchor = () => anchors.current.get(filterQuery) ?? null;

  const list = useInfiniteQuery({
    queryKey: queryKeys.deliveries(projectId, filters),
    queryFn: async ({ pageParam, signal }) => {
      const at = anchor();
      // Up to the anchor (inclusive: created_at is finer than the millisecond the API shows).
      const bounded = at ? { ...filters, to: earlier(filters.to, new Date(Date.parse(at) + 1).toISOString()) } : filters;
      const page = await api<DeliveriesPage>(`/projects/${projectId}/deliveries${filtersToQuery(bounded, pageParam)}`, { signal });
      if (!at && !pageParam && page.deliveries[0]) anchors.current.set(filterQuery, page.deliveries[0].created_at);
      return page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: seeded ? { pages: [seeded], pageParams: [null] } : undefined,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const rows: DeliveryRow[] = list.data?.pages.flatMap((p) => p.deliveries) ?? [];

  const at = anchor();
  const newer = useQuery({
    queryKey: queryKeys.newDeliveries(projectId, filters, at ?? ""),
    queryFn: ({ signal }) =>
      api<DeliveriesPage>(`/projects/${projectId}/deliveries${filtersToQuery({ ...filters, from: later(filters.from, at!) }, null)}&limit=${NEW_LIMIT}`, { signal }),
    enabled: at !== null,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const shown = new Set(rows.map((r) => r.id));
  const arrived = (newer.data?.deliveries ?? []).filter((d) => !shown.has(d.id));

  return {
    list,
    rows,
    /** How many deliveries arrived above the list (capped at NEW_LIMIT, shown as "100+"). */
    newCount: arrived.length,
    newCountCapped: (newer.data?.deliveries.length ?? 0) >= NEW_LIMIT,
    /** Shows the new deliveries: the anchor moves to the newest of them and the list reloads. */
    showNew() {
      const newest = arrived[0]?.created_at;
      if (newest) anchors.current.set(filterQuery, newest);
      return list.refetch();
    },
    /** Reloads up to now (after the admin's own replays, which should show at once). */
    reload() {
      anchors.current.set(filterQuery, null);
      return list.refetch();
    },
  };
}

"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { ScrollText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShowMore } from "@/components/ui/show-more";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/api-client";
import { AUDIT_GROUPS } from "@/lib/audit/actions";
import { auditApiQuery, auditFiltersFromParams, auditFiltersToSearch, type AuditFilters } from "@/lib/audit/filters";
import type { AuditJson } from "@/lib/audit/list";
import { queryKeys } from "@/lib/query-keys";
import { usePagedList } from "@/lib/use-paged-list";
import { AuditFiltersBar } from "./audit-filters-bar";

/** The API's page, as the server rendered the first one. */
type AuditPage = { items: AuditJson[]; next_cursor: string | null };

export function AuditLogView({ projectId, initialPage, actors }: { projectId: string; initialPage: AuditPage; actors: Array<{ user_id: string; name: string }> }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => auditFiltersFromParams(searchParams), [searchParams]);
  const unfiltered = auditFiltersToSearch(filters) === "";
  const list = usePagedList<AuditJson>({
    queryKey: queryKeys.audit(projectId, filters),
    path: `/projects/${projectId}/audit`,
    itemsKey: "items",
    search: (cursor) => auditApiQuery(filters, cursor),
    initial: unfiltered ? initialPage : undefined,
    // Other admins' changes appear while the page is open.
    refetchInterval: 30_000,
  });
  const rows = list.items;
  const change = (next: AuditFilters) => router.replace(`${pathname}${auditFiltersToSearch(next)}`, { scroll: false });

  return (
    <div className="space-y-4">
      <AuditFiltersBar filters={filters} actors={actors} onChange={change} />
      {list.isPending ? (
        <Card className="space-y-3 p-4" aria-label="Loading the audit log">
          <Skeleton className="h-5 w-3/4" />
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-5 w-1/2" />
        </Card>
      ) : list.isError && !rows.length ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not load the audit log: {errorMessage(list.error)}
        </p>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<ScrollText className="size-8" />}
          title={unfiltered ? "Nothing recorded yet" : "Nothing matches these filters"}
          description={unfiltered ? "Changes to webhooks, secrets, the tracker connection and members will be listed here." : "Try another kind, person or date range."}
          action={!unfiltered && <Button variant="secondary" onClick={() => change({})}>Clear filters</Button>}
        />
      ) : (
        <Card>
          <ol aria-label="Audit log entries" className="divide-y divide-slate-200">
            {rows.map((r) => (
              <AuditRow key={r.id} row={r} />
            ))}
          </ol>
          <ShowMore list={list} label="Show older entries" failed="Could not load older entries" />
        </Card>
      )}
    </div>
  );
}

function AuditRow({ row }: { row: AuditJson }) {
  return (
    <li className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4">
      <div className="min-w-0 flex-1">
        <p className="text-sm break-words text-slate-800">
          <span className="font-medium text-slate-900">{row.actor ? row.actor.name : "Switchyard"}</span> {row.summary}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
          {row.group && <Badge>{AUDIT_GROUPS[row.group]}</Badge>}
          <code className="font-mono break-all">{row.action}</code>
        </p>
      </div>
      <div className="shrink-0 text-xs text-slate-600 sm:pt-0.5">
        <RelativeTime value={row.created_at} />
      </div>
    </li>
  );
}

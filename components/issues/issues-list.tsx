"use client";
import Link from "next/link";
import { CircleDot, Plus } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadMore } from "@/components/ui/load-more";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { usePagedList } from "@/lib/use-paged-list";
import { ExternalLink, IssueStateBadge, LiveIndicator } from "./issue-badges";
import type { IssueJson, IssuePageJson } from "./types";
import { useLiveIssues } from "./use-live-issues";

export function IssuesList({ projectId, initial }: { projectId: string; initial: IssuePageJson }) {
  const live = useLiveIssues(projectId);
  const list = usePagedList<IssueJson>({ queryKey: queryKeys.issues(projectId), path: `/projects/${projectId}/issues`, itemsKey: "issues", initial });
  const newButton = (
    <Link href={`/projects/${projectId}/issues/new`} className={buttonClasses("primary", "md")}>
      <Plus aria-hidden className="size-4" /> New issue
    </Link>
  );

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Issues"
        description={
          <span className="inline-flex flex-wrap items-center gap-3">
            Issues filed here or synced from your tracker. <LiveIndicator status={live} />
          </span>
        }
        actions={newButton}
      />
      {list.isError && !list.isFetchNextPageError && list.items.length === 0 ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not load issues: {errorMessage(list.error)}{" "}
          <button className="underline" onClick={() => void list.refetch()}>
            Try again
          </button>
        </p>
      ) : (
        <Table
          caption="Issues, newest first"
          isEmpty={list.items.length === 0}
          empty={
            <EmptyState
              icon={<CircleDot className="size-6" />}
              title="No issues yet"
              description="Create one, or connect your tracker under Settings → Integrations and its issues arrive here as they change."
              action={newButton}
            />
          }
          footer={
            <LoadMore
              shown={list.items.length}
              noun={["issue", "issues"]}
              hasMore={list.hasNextPage}
              pending={list.isFetchingNextPage}
              error={list.isFetchNextPageError ? list.error : undefined}
              onLoadMore={() => void list.fetchNextPage()}
            />
          }
        >
          <TableHead>
            <TableHeaderCell>Title</TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell hideBelow="md">Assignee</TableHeaderCell>
            <TableHeaderCell hideBelow="sm">Updated</TableHeaderCell>
          </TableHead>
          <TableBody>
            {list.items.map((issue) => (
              <TableRow key={issue.id} data-testid="issue-row" data-issue-id={issue.id}>
                <TableCell className="min-w-48">
                  <Link href={`/projects/${projectId}/issues/${issue.id}`} className="font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline">
                    {issue.title}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <ExternalLink external={issue.external} />
                    {issue.labels.map((l) => (
                      <span key={l} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                        {l}
                      </span>
                    ))}
                  </div>
                </TableCell>
                <TableCell>
                  <IssueStateBadge state={issue.state} />
                </TableCell>
                <TableCell hideBelow="md" className="text-slate-700">
                  {issue.assignee ?? <span className="text-slate-400">Unassigned</span>}
                </TableCell>
                <TableCell hideBelow="sm" className="whitespace-nowrap text-slate-600">
                  <RelativeTime value={issue.updated_at} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

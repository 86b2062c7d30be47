"use client";
import Link from "next/link";
import { CircleDot, Plus } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PagedTable } from "@/components/ui/paged-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
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
      <PagedTable
        list={list}
        caption="Issues, newest first"
        empty={
          <EmptyState
            icon={<CircleDot className="size-6" />}
            title="No issues yet"
            description="Create one, or connect your tracker under Settings → Integrations and its issues arrive here as they change."
            action={newButton}
          />
        }
        noun={["issue", "issues"]}
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
      </PagedTable>
    </div>
  );
}

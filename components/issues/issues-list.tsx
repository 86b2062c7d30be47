"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { CircleDot, Plus } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonList } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ExternalLink, IssueStateBadge, LiveIndicator } from "./issue-badges";
import type { IssueJson } from "./types";
import { useLiveIssues } from "./use-live-issues";

export function IssuesList({ projectId, initial }: { projectId: string; initial: IssueJson[] }) {
  const live = useLiveIssues(projectId);
  const issues = useQuery({
    queryKey: queryKeys.issues(projectId),
    queryFn: () => api<{ issues: IssueJson[] }>(`/projects/${projectId}/issues`).then((r) => r.issues),
    initialData: initial,
  });
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
      {issues.isPending ? (
        <SkeletonList rows={4} label="Loading issues…" />
      ) : issues.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not load issues: {errorMessage(issues.error)}{" "}
          <button className="underline" onClick={() => void issues.refetch()}>
            Try again
          </button>
        </p>
      ) : issues.data.length === 0 ? (
        <EmptyState
          icon={<CircleDot className="size-6" />}
          title="No issues yet"
          description="Create one, or connect your tracker under Settings → Integrations and its issues arrive here as they change."
          action={newButton}
        />
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Issues, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Title</th>
                <th scope="col" className="px-4 py-2">State</th>
                <th scope="col" className="hidden px-4 py-2 md:table-cell">Assignee</th>
                <th scope="col" className="hidden px-4 py-2 sm:table-cell">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {issues.data.map((issue) => (
                <tr key={issue.id} data-testid="issue-row" data-issue-id={issue.id} className="align-top hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/projects/${projectId}/issues/${issue.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
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
                  </td>
                  <td className="px-4 py-3">
                    <IssueStateBadge state={issue.state} />
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 md:table-cell">{issue.assignee ?? <span className="text-slate-400">Unassigned</span>}</td>
                  <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">
                    <RelativeTime value={issue.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Pencil, Trash2 } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { ConfirmAction } from "@/components/webhooks/confirm-action";
import { api, ApiError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ExternalLink, IssueStateBadge, LiveIndicator } from "./issue-badges";
import type { IssueJson } from "./types";
import { useLiveIssues } from "./use-live-issues";

export function IssueDetail({ projectId, initial }: { projectId: string; initial: IssueJson }) {
  const live = useLiveIssues(projectId);
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { data: issue } = useQuery({
    queryKey: queryKeys.issue(projectId, initial.id),
    // A 404 means it was deleted elsewhere: show that instead of an error.
    queryFn: () =>
      api<{ issue: IssueJson }>(`/projects/${projectId}/issues/${initial.id}`).then(
        (r) => r.issue as IssueJson | null,
        (err) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err)),
      ),
    initialData: initial as IssueJson | null,
  });
  const back = (
    <Link href={`/projects/${projectId}/issues`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
      <ArrowLeft aria-hidden className="size-4" /> Issues
    </Link>
  );

  if (!issue) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={initial.title} back={back} />
        <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          This issue was deleted{initial.external ? " in the tracker" : ""}. <Link className="underline" href={`/projects/${projectId}/issues`}>Back to all issues</Link>
        </p>
      </div>
    );
  }

  async function remove() {
    await api(`/projects/${projectId}/issues/${initial.id}`, { method: "DELETE" });
    toast({ tone: "success", title: "Issue deleted" });
    void queryClient.invalidateQueries({ queryKey: queryKeys.issues(projectId) });
    router.push(`/projects/${projectId}/issues`);
  }

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        back={back}
        title={<span data-testid="issue-title">{issue.title}</span>}
        description={
          <span className="inline-flex flex-wrap items-center gap-3">
            <IssueStateBadge state={issue.state} />
            <ExternalLink external={issue.external} />
            <LiveIndicator status={live} />
          </span>
        }
        actions={
          <>
            <Link href={`/projects/${projectId}/issues/${issue.id}/edit`} className={buttonClasses("secondary", "md")}>
              <Pencil aria-hidden className="size-4" /> Edit
            </Link>
            <ConfirmAction
              trigger={
                <Button variant="danger">
                  <Trash2 aria-hidden className="size-4" /> Delete
                </Button>
              }
              title="Delete this issue?"
              description={issue.external ? "It is deleted here only; the tracker's issue stays. A later change in the tracker imports it again." : "This cannot be undone."}
              confirmLabel="Delete issue"
              danger
              onConfirm={remove}
            />
          </>
        }
      />
      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium text-slate-500">Assignee</dt>
          <dd data-testid="issue-assignee" className="mt-1 text-slate-900">{issue.assignee ?? "Unassigned"}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">Labels</dt>
          <dd className="mt-1 flex flex-wrap gap-1">
            {issue.labels.length ? issue.labels.map((l) => <span key={l} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{l}</span>) : <span className="text-slate-400">None</span>}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">Updated</dt>
          <dd className="mt-1 text-slate-900"><RelativeTime value={issue.updated_at} /></dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">Last synced from the tracker</dt>
          <dd className="mt-1 text-slate-900"><RelativeTime value={issue.synced_at} never={issue.external ? "Not yet" : "Not linked"} /></dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs font-medium text-slate-500">Description</dt>
          <dd className="mt-1 whitespace-pre-wrap text-slate-900">{issue.description || <span className="text-slate-400">No description</span>}</dd>
        </div>
      </dl>
    </div>
  );
}

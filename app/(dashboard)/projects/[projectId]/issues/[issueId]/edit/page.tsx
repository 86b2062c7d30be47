import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { IssueForm } from "@/components/issues/issue-form";
import { requirePageMember } from "@/lib/auth/page-access";
import { getIssue, presentIssue } from "@/lib/domain/issues";
import { NotFound } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Edit issue" };

export default async function EditIssuePage({ params }: { params: Promise<{ projectId: string; issueId: string }> }) {
  const { projectId, issueId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/issues/${issueId}/edit`);
  const issue = await getIssue(projectId, issueId).catch((err) => (err instanceof NotFound ? null : Promise.reject(err)));
  if (!issue) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Edit issue" />
      <IssueForm projectId={projectId} issue={presentIssue(issue)} />
    </div>
  );
}

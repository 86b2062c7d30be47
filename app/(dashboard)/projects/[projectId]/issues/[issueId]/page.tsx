import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IssueDetail } from "@/components/issues/issue-detail";
import { requirePageMember } from "@/lib/auth/page-access";
import { getIssue, presentIssue } from "@/lib/domain/issues";
import { NotFound } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Issue" };

export default async function IssuePage({ params }: { params: Promise<{ projectId: string; issueId: string }> }) {
  const { projectId, issueId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/issues/${issueId}`);
  const issue = await getIssue(projectId, issueId).catch((err) => (err instanceof NotFound ? null : Promise.reject(err)));
  if (!issue) notFound();
  return <IssueDetail projectId={projectId} initial={presentIssue(issue)} />;
}

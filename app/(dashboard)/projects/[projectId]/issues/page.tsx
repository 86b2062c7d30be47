import type { Metadata } from "next";
import { IssuesList } from "@/components/issues/issues-list";
import { requirePageMember } from "@/lib/auth/page-access";
import { listIssues, presentIssue } from "@/lib/domain/issues";
import { FIRST_PAGE, presentPage } from "@/lib/http/cursor";

export const metadata: Metadata = { title: "Issues" };

export default async function IssuesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/issues`);
  return <IssuesList projectId={projectId} initial={presentPage("issues", await listIssues(projectId, FIRST_PAGE), presentIssue)} />;
}

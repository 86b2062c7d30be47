import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { IssueForm } from "@/components/issues/issue-form";
import { requirePageMember } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "New issue" };

export default async function NewIssuePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/issues/new`);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="New issue" />
      <IssueForm projectId={projectId} />
    </div>
  );
}

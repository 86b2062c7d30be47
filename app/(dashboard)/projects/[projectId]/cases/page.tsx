import type { Metadata } from "next";
import { CasesList } from "@/components/cases/cases-list";
import { requirePageMember } from "@/lib/auth/page-access";
import { listCases, presentCase } from "@/lib/domain/cases";
import { FIRST_PAGE, presentPage } from "@/lib/http/cursor";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/cases`);
  return <CasesList projectId={projectId} initial={presentPage("cases", await listCases(projectId, FIRST_PAGE), presentCase)} />;
}

import type { Metadata } from "next";
import { RunsList } from "@/components/runs/runs-list";
import { SESSION_VIEW } from "@/components/runs/types";
import { requirePageMember } from "@/lib/auth/page-access";
import { runListView } from "@/lib/domain/run-pages";
import { SESSION } from "@/lib/domain/sessions";

export const metadata: Metadata = { title: "Sessions" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/sessions`);
  return <RunsList kind={SESSION_VIEW} projectId={projectId} initial={await runListView(SESSION, projectId)} />;
}

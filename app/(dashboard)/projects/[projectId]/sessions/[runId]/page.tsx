import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetail } from "@/components/runs/run-detail";
import { SESSION_VIEW } from "@/components/runs/types";
import { requirePageMember } from "@/lib/auth/page-access";
import { NotFound } from "@/lib/http/errors";
import { runDetailView } from "@/lib/domain/run-pages";
import { SESSION } from "@/lib/domain/sessions";

export const metadata: Metadata = { title: "Session" };

export default async function Page({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/sessions/${runId}`);
  const view = await runDetailView(SESSION, projectId, runId).catch((err) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  return <RunDetail kind={SESSION_VIEW} projectId={projectId} initial={view.detail} cases={view.cases} />;
}

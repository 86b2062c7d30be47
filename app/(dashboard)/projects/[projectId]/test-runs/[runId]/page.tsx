import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetail } from "@/components/runs/run-detail";
import { TEST_RUN_VIEW } from "@/components/runs/types";
import { requirePageMember } from "@/lib/auth/page-access";
import { NotFound } from "@/lib/http/errors";
import { runDetailView } from "@/lib/domain/run-pages";
import { TEST_RUN } from "@/lib/domain/test-runs";

export const metadata: Metadata = { title: "Test run" };

export default async function Page({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/test-runs/${runId}`);
  const view = await runDetailView(TEST_RUN, projectId, runId).catch((err) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  return <RunDetail kind={TEST_RUN_VIEW} projectId={projectId} initial={view.detail} cases={view.cases} />;
}

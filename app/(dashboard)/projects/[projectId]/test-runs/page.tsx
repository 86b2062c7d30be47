import type { Metadata } from "next";
import { RunsList } from "@/components/runs/runs-list";
import { TEST_RUN_VIEW } from "@/components/runs/types";
import { requirePageMember } from "@/lib/auth/page-access";
import { runListView } from "@/lib/domain/run-pages";
import { TEST_RUN } from "@/lib/domain/test-runs";

export const metadata: Metadata = { title: "Test runs" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePageMember(projectId, `/projects/${projectId}/test-runs`);
  return <RunsList kind={TEST_RUN_VIEW} projectId={projectId} initial={await runListView(TEST_RUN, projectId)} />;
}

import { redirect } from "next/navigation";

// A project opens on its test runs.
export default async function ProjectHome({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  redirect(`/projects/${projectId}/test-runs`);
}

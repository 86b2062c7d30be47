import type { Metadata } from "next";
import { AdminsOnly } from "@/components/admins-only";
import { PageHeader } from "@/components/app-shell/page-header";
import { RenameProject } from "@/components/projects/rename-project";
import { requirePageMember } from "@/lib/auth/page-access";
import { getProject } from "@/lib/domain/projects";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}/settings/project`);
  if (user.role !== "admin") return <AdminsOnly projectId={projectId} what="the project's settings" />;
  const project = await getProject(projectId);
  return (
    <>
      <PageHeader title="Project settings" />
      <RenameProject projectId={projectId} name={project.name} />
    </>
  );
}

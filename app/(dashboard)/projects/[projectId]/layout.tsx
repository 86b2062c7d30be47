import { AppHeader } from "@/components/app-shell/app-header";
import { MobileProjectNav, ProjectSidebar } from "@/components/app-shell/project-nav";
import { ProjectSwitcher } from "@/components/app-shell/project-switcher";
import { requirePageMember } from "@/lib/auth/page-access";
import { listMyProjects } from "@/lib/domain/projects";
import { notFound } from "next/navigation";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}`);
  const mine = (await listMyProjects(user.userId)).map(({ project }) => ({ id: project.id, name: project.name }));
  const current = mine.find((p) => p.id === projectId);
  if (!current) notFound();
  return (
    <div className="min-h-screen">
      <AppHeader
        user={user}
        start={
          <div className="flex min-w-0 items-center gap-1">
            <MobileProjectNav projectId={projectId} role={user.role} />
            <ProjectSwitcher current={current} projects={mine} />
          </div>
        }
      />
      <div className="flex">
        <ProjectSidebar projectId={projectId} role={user.role} />
        <main id="main" className="min-w-0 flex-1 px-3 py-5 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}

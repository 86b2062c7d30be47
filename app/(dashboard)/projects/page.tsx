import type { Metadata } from "next";
import { AppHeader } from "@/components/app-shell/app-header";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectsList } from "@/components/projects/projects-list";
import { requirePageUser } from "@/lib/auth/page-access";
import { listMyProjects, presentProject } from "@/lib/domain/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requirePageUser("/projects");
  const mine = (await listMyProjects(user.userId)).map(({ project, role }) => presentProject(project, role));
  return (
    <div className="min-h-screen">
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-5xl px-3 py-6 sm:px-6">
        <PageHeader title="Projects" description="Pick a project to see its issues, test runs, cases, sessions and webhooks." />
        <ProjectsList initial={mine} />
      </main>
    </div>
  );
}

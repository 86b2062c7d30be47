import type { Metadata } from "next";
import { ApiTokens } from "@/components/account/api-tokens";
import { AppHeader } from "@/components/app-shell/app-header";
import { PageHeader } from "@/components/app-shell/page-header";
import { requirePageUser } from "@/lib/auth/page-access";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { listMyProjects } from "@/lib/domain/projects";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountTokensPage() {
  const user = await requirePageUser("/settings/tokens");
  return (
    <div className="min-h-screen">
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-3xl px-3 py-6 sm:px-6">
        <PageHeader title="Account settings" description={`Signed in as ${user.email}. Personal API tokens let scripts and CI call the JSON API as you.`} />
        <ApiTokens
          initial={await listApiTokens(user.userId)}
          projects={(await listMyProjects(user.userId)).map(({ project }) => ({ id: project.id, name: project.name }))}
        />
      </main>
    </div>
  );
}

import type { Metadata } from "next";
import { MembersList } from "@/components/members/members-list";
import { requirePageMember } from "@/lib/auth/page-access";
import { listMembers } from "@/lib/domain/members";

export const metadata: Metadata = { title: "Members" };

// Members see who is in the project; admins also add, invite, change and remove people.
export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}/settings/members`);
  const first = await listMembers(projectId, { limit: 50 });
  return <MembersList projectId={projectId} initial={first} me={user.userId} isAdmin={user.role === "admin"} />;
}

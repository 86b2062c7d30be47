import type { Metadata } from "next";
import { MembersList } from "@/components/members/members-list";
import { requirePageMember } from "@/lib/auth/page-access";
import { listInvitations } from "@/lib/domain/invitations";
import { listMembers } from "@/lib/domain/members";

export const metadata: Metadata = { title: "Members" };

// Members see who is in the project; admins also add, invite, change and remove people.
export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}/settings/members`);
  const isAdmin = user.role === "admin";
  const [members, invitations] = await Promise.all([listMembers(projectId, { limit: 50 }), isAdmin ? listInvitations(projectId, { limit: 50 }) : null]);
  return (
    <MembersList
      projectId={projectId}
      initial={members}
      initialInvitations={invitations}
      me={user.userId}
      isAdmin={isAdmin}
    />
  );
}

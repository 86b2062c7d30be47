import type { Metadata } from "next";
import { MembersList } from "@/components/members/members-list";
import { requirePageMember } from "@/lib/auth/page-access";
import { listInvitations } from "@/lib/domain/invitations";
import { listMembers } from "@/lib/domain/members";
import { FIRST_PAGE, presentPage } from "@/lib/http/cursor";

export const metadata: Metadata = { title: "Members" };

// Members see who is in the project; admins also add, invite, change and remove people.
export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}/settings/members`);
  const isAdmin = user.role === "admin";
  const [members, invitations] = await Promise.all([listMembers(projectId, FIRST_PAGE), isAdmin ? listInvitations(projectId, FIRST_PAGE) : null]);
  return (
    <MembersList
      projectId={projectId}
      initial={presentPage("members", members, (m) => m)}
      initialInvitations={invitations && presentPage("invitations", invitations, (i) => i)}
      me={user.userId}
      isAdmin={isAdmin}
    />
  );
}

"use client";
import { useEffect, useRef, useState } from "react";
import { PageHeader } from "@/components/app-shell/page-header";
import { Card } from "@/components/ui/card";
import { ShowMore } from "@/components/ui/show-more";
import { INVITATION_TTL_DAYS } from "@/lib/domain/invitation-policy";
import { usePagedList } from "@/lib/use-paged-list";
import { queryKeys } from "@/lib/query-keys";
import { RevealOncePanel } from "@/components/webhooks/reveal-once-panel";
import { InviteCard, type Invited } from "./invite-card";
import { MemberRow } from "./member-row";
import { PendingInvitations } from "./pending-invitations";
import type { ApiMember, InvitationsPage, MembersPage } from "./types";

export function MembersList({
  projectId,
  initial,
  initialInvitations,
  me,
  isAdmin,
}: {
  projectId: string;
  initial: MembersPage;
  /** Admins only. */
  initialInvitations: InvitationsPage | null;
  me: string;
  isAdmin: boolean;
}) {
  const query = usePagedList<ApiMember>({ queryKey: queryKeys.members(projectId), path: `/projects/${projectId}/members`, itemsKey: "items", initial });
  const members = query.items;
  // The link is shown once, above the lists where it has room, and brought into view.
  const [invited, setInvited] = useState<Invited | null>(null);
  const revealed = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!invited) return;
    revealed.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    revealed.current?.focus({ preventScroll: true });
  }, [invited]);
  return (
    <>
      <PageHeader
        title="Members"
        description={
          isAdmin
            ? "Add or invite people by email, change their role or remove them. Admins manage webhooks, integrations and members."
            : "The people in this project. Only admins can change who is in it."
        }
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-5">
          {invited && (
            <div ref={revealed} tabIndex={-1} className="scroll-mt-20 focus:outline-none">
              <RevealOncePanel
                title="Invitation link"
                values={[{ label: "Invitation link", value: invited.link }]}
                steps={
                  <p className="break-words">
                    Send it to {invited.email}. It works once, for {INVITATION_TTL_DAYS} days, and makes them {invited.role === "admin" ? "an admin" : "a member"} of this project.
                  </p>
                }
                onDismiss={() => setInvited(null)}
              />
            </div>
          )}
          <Card className="h-fit">
            <ul aria-label="Members" className="divide-y divide-slate-200">
              {members.map((m) => (
                <MemberRow key={m.user_id} projectId={projectId} member={m} isMe={m.user_id === me} isAdmin={isAdmin} />
              ))}
            </ul>
            <ShowMore list={query} label="Show more members" failed="Could not load more members" />
          </Card>
          {initialInvitations && <PendingInvitations projectId={projectId} initial={initialInvitations} />}
        </div>
        {isAdmin && <InviteCard projectId={projectId} onInvited={setInvited} />}
      </div>
    </>
  );
}

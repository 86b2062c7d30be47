"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShowMore } from "@/components/ui/show-more";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { INVITATION_TTL_DAYS } from "@/lib/domain/invitation-policy";
import { queryKeys } from "@/lib/query-keys";
import { usePagedList } from "@/lib/use-paged-list";
import { ROLE_LABELS, type ApiInvitation, type InvitationsPage } from "./types";

export function PendingInvitations({ projectId, initial }: { projectId: string; initial: InvitationsPage }) {
  const query = usePagedList<ApiInvitation>({ queryKey: queryKeys.invitations(projectId), path: `/projects/${projectId}/invitations`, itemsKey: "items", initial });
  const invitations = query.items;
  return (
    <Card className="h-fit">
      <CardHeader title="Pending invitations" description={`Invitations not yet accepted. A link works once and expires after ${INVITATION_TTL_DAYS} days.`} />
      {query.isError && !invitations.length ? (
        <p role="alert" className="px-4 py-3 text-sm text-red-700">
          Could not load the invitations: {errorMessage(query.error)}
        </p>
      ) : invitations.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <ul aria-label="Pending invitations" className="divide-y divide-slate-200">
          {invitations.map((i) => (
            <InvitationRow key={i.id} projectId={projectId} invitation={i} />
          ))}
        </ul>
      )}
      <ShowMore list={query} label="Show more invitations" failed="Could not load more invitations" />
    </Card>
  );
}

function InvitationRow({ projectId, invitation: i }: { projectId: string; invitation: ApiInvitation }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const toast = useToast();
  const revoke = useMutation({
    mutationFn: () => api(`/projects/${projectId}/invitations/${i.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setOpen(false);
      toast({ title: `Invitation for ${i.email} revoked`, tone: "success" });
      await client.invalidateQueries({ queryKey: queryKeys.invitations(projectId) });
    },
    onError: (err) => {
      setOpen(false);
      toast({ title: "Could not revoke the invitation", description: errorMessage(err), tone: "error" });
    },
  });
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-slate-900">{i.email}</p>
        <p className="text-sm text-slate-600">
          {ROLE_LABELS[i.role]} · invited {i.invited_by?.name ? `by ${i.invited_by.name} ` : ""}
          <RelativeTime value={i.created_at} /> · {i.status === "expired" ? "expired " : "expires "}
          <RelativeTime value={i.expires_at} />
        </p>
      </div>
      <div className="flex items-center gap-2">
        {i.status === "expired" ? <Badge tone="amber">Expired</Badge> : <Badge tone="blue">Pending</Badge>}
        <AlertDialog
          open={open}
          onOpenChange={setOpen}
          trigger={
            <Button variant="ghost" size="sm" aria-label={`Revoke the invitation for ${i.email}`}>
              Revoke
            </Button>
          }
          title={`Revoke the invitation for ${i.email}?`}
          description="The link stops working at once. You can invite them again later."
          confirmLabel="Revoke"
          danger
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate()}
        />
      </div>
    </li>
  );
}

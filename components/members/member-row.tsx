"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ROLE_LABELS, ROLE_OPTIONS, type ApiMember, type Role } from "./types";

const ROLE_MEANS: Record<Role, string> = {
  admin: "Admins manage webhooks, integrations, members and the project's settings, and can read the audit log.",
  member: "Members work with issues, test runs, cases and sessions, but cannot change webhooks, integrations or members.",
};

export function MemberRow({ projectId, member, isMe, isAdmin }: { projectId: string; member: ApiMember; isMe: boolean; isAdmin: boolean }) {
  // The last-admin rule's reasons, from the server; one line says why the controls are disabled.
  const reason = Object.values(member.refused.roles)[0] ?? member.refused.remove;
  return (
    <li className="px-4 py-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-slate-900">
            {member.name} {isMe && <span className="text-sm font-normal text-slate-500">(you)</span>}
          </p>
          <p className="truncate text-sm text-slate-600">{member.email}</p>
        </div>
        {isAdmin ? (
          <div className="flex items-center gap-2">
            <RoleControl projectId={projectId} member={member} isMe={isMe} />
            <RemoveMember projectId={projectId} member={member} isMe={isMe} />
          </div>
        ) : (
          <Badge tone={member.role === "admin" ? "blue" : "neutral"}>{ROLE_LABELS[member.role]}</Badge>
        )}
      </div>
      {isAdmin && reason && (
        <p id={`refused-${member.user_id}`} className="mt-1 text-xs text-slate-600 sm:text-right">
          {reason}
        </p>
      )}
    </li>
  );
}

/** The role select: choosing a role asks for confirmation first; refused roles are disabled. */
function RoleControl({ projectId, member, isMe }: { projectId: string; member: ApiMember; isMe: boolean }) {
  const [pending, setPending] = useState<Role | null>(null);
  const client = useQueryClient();
  const toast = useToast();
  const change = useMutation({
    mutationFn: (role: Role) => api(`/projects/${projectId}/members/${member.user_id}`, { method: "PATCH", body: { role } }),
    onSuccess: async (_r, role) => {
      setPending(null);
      toast({ title: `${member.name} is now ${role === "admin" ? "an admin" : "a member"}`, tone: "success" });
      // Demoting yourself takes away this page's admin controls.
      if (isMe) window.location.reload();
      else await client.invalidateQueries({ queryKey: queryKeys.members(projectId) });
    },
    onError: (err) => {
      setPending(null);
      toast({ title: "Could not change the role", description: errorMessage(err), tone: "error" });
    },
  });
  const options = ROLE_OPTIONS.map((o) => ({ ...o, disabled: !!member.refused.roles[o.value] }));
  return (
    <>
      <div className="w-32">
        <Select
          aria-label={`Role of ${member.name}`}
          value={member.role}
          disabled={change.isPending}
          onValueChange={(role) => role !== member.role && setPending(role as Role)}
          options={options}
        />
      </div>
      <AlertDialog
        open={pending !== null}
        onOpenChange={(open) => !open && !change.isPending && setPending(null)}
        title={pending === "admin" ? `Make ${member.name} an admin?` : `Make ${isMe ? "yourself" : member.name} a member?`}
        description={pending ? ROLE_MEANS[pending] + (isMe && pending !== "admin" ? " You lose the admin controls at once." : "") : ""}
        confirmLabel={pending ? `Make ${ROLE_LABELS[pending].toLowerCase()}` : "Change"}
        pending={change.isPending}
        onConfirm={() => {
          if (pending) change.mutate(pending);
        }}
      />
    </>
  );
}

function RemoveMember({ projectId, member, isMe }: { projectId: string; member: ApiMember; isMe: boolean }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => api(`/projects/${projectId}/members/${member.user_id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setOpen(false);
      toast({ title: `Removed ${member.email}`, tone: "success" });
      // Removing yourself takes away access to this page.
      if (isMe) window.location.assign("/projects");
      else await client.invalidateQueries({ queryKey: queryKeys.members(projectId) });
    },
    onError: (err) => {
      setOpen(false);
      toast({ title: "Could not remove", description: errorMessage(err), tone: "error" });
    },
  });
  const refused = member.refused.remove;
  return (
    <AlertDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="sm" disabled={!!refused} title={refused ?? undefined} aria-describedby={refused ? `refused-${member.user_id}` : undefined}>
          {isMe ? "Leave" : "Remove"}
        </Button>
      }
      title={isMe ? "Leave this project?" : `Remove ${member.name}?`}
      description={isMe ? "You lose access at once; an admin can add you back." : `${member.email} loses access to this project at once.`}
      confirmLabel={isMe ? "Leave project" : "Remove"}
      danger
      pending={remove.isPending}
      onConfirm={() => remove.mutate()}
    />
  );
}

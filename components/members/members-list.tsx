"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field, Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type Role = "admin" | "member";
export type ApiMember = { user_id: string; email: string; name: string; role: Role; added_at: string };
const ROLES = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
];

export function MembersList({ projectId, initial, me, isAdmin }: { projectId: string; initial: ApiMember[]; me: string; isAdmin: boolean }) {
  const key = queryKeys.members(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const query = useQuery({ queryKey: key, queryFn: async () => (await api<{ members: ApiMember[] }>(`/projects/${projectId}/members`)).members, initialData: initial });
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api(`/projects/${projectId}/members/${userId}`, { method: "PATCH", body: { role } }),
    onSuccess: async (_r, { role }) => {
      await client.invalidateQueries({ queryKey: key });
      toast({ title: `Role changed to ${role}`, tone: "success" });
    },
    onError: (err) => toast({ title: "Could not change the role", description: errorMessage(err), tone: "error" }),
  });
  return (
    <>
      <PageHeader
        title="Members"
        description={isAdmin ? "Add people by email, change their role or remove them. Admins manage webhooks, integrations and members." : "The people in this project. Only admins can change who is in it."}
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <Card className="h-fit">
          <ul aria-label="Members" className="divide-y divide-slate-200">
            {query.data.map((m) => (
              <li key={m.user_id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    {m.name} {m.user_id === me && <span className="text-sm font-normal text-slate-500">(you)</span>}
                  </p>
                  <p className="truncate text-sm text-slate-600">{m.email}</p>
                </div>
                {isAdmin ? (
                  <div className="flex items-center gap-2">
                    <div className="w-32">
                      <Select
                        aria-label={`Role of ${m.name}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onValueChange={(role) => role !== m.role && changeRole.mutate({ userId: m.user_id, role: role as Role })}
                        options={ROLES}
                      />
                    </div>
                    <RemoveMember projectId={projectId} member={m} isMe={m.user_id === me} />
                  </div>
                ) : (
                  <Badge tone={m.role === "admin" ? "blue" : "neutral"}>{m.role === "admin" ? "Admin" : "Member"}</Badge>
                )}
              </li>
            ))}
          </ul>
        </Card>
        {isAdmin && <AddMemberCard projectId={projectId} />}
      </div>
    </>
  );
}

function AddMemberCard({ projectId }: { projectId: string }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const client = useQueryClient();
  const toast = useToast();
  const add = useMutation({
    mutationFn: () => api<{ member: ApiMember }>(`/projects/${projectId}/members`, { body: { email, role } }),
    onSuccess: async ({ member }) => {
      await client.invalidateQueries({ queryKey: queryKeys.members(projectId) });
      setEmail("");
      toast({ title: `Added ${member.email} as ${member.role}`, tone: "success" });
    },
  });
  const err = add.error instanceof ApiError ? add.error : undefined;
  return (
    <Card className="h-fit">
      <CardHeader title="Add someone" description="They need a Switchyard account with this email." />
      <CardBody>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Field id="member-email" label="Email" error={err ? err.message : undefined}>
            <Input id="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required aria-invalid={!!err} />
          </Field>
          <div className="space-y-1">
            <Label htmlFor="member-role">Role</Label>
            <Select id="member-role" value={role} onValueChange={(v) => setRole(v as Role)} options={ROLES} />
          </div>
          {add.error && !err && (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(add.error)}
            </p>
          )}
          <Button type="submit" pending={add.isPending} className="w-full">
            <UserPlus aria-hidden className="size-4" /> Add to project
          </Button>
        </form>
      </CardBody>
    </Card>
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
  return (
    <AlertDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="sm">
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

"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field, Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ROLE_LABELS, ROLE_OPTIONS, type ApiInvitation, type ApiMember, type Role } from "./types";

type Result = { outcome: "added"; member: ApiMember } | { outcome: "invited"; invitation: ApiInvitation; link: string };

export type Invited = { email: string; role: Role; link: string };

/** Adds an email that has an account at once; invites any other and hands its link to `onInvited`. */
export function InviteCard({ projectId, onInvited }: { projectId: string; onInvited: (invited: Invited) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const client = useQueryClient();
  const toast = useToast();
  const add = useMutation({
    mutationFn: () => api<Result>(`/projects/${projectId}/invitations`, { body: { email, role } }),
    onSuccess: async (res) => {
      setEmail("");
      if (res.outcome === "added") {
        toast({ title: `Added ${res.member.email} as ${ROLE_LABELS[res.member.role].toLowerCase()}`, tone: "success" });
        await client.invalidateQueries({ queryKey: queryKeys.members(projectId) });
      } else {
        onInvited({ email: res.invitation.email, role: res.invitation.role, link: res.link });
        await client.invalidateQueries({ queryKey: queryKeys.invitations(projectId) });
      }
    },
  });
  const err = add.error instanceof ApiError && add.error.errors.length ? add.error : undefined;
  return (
    <Card className="h-fit">
      <CardHeader title="Add or invite someone" description="Someone with a Switchyard account joins at once; anyone else gets an invitation link to set a password." />
      <CardBody>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Field id="member-email" label="Email" error={err?.fieldError("email")}>
            <Input id="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} aria-invalid={!!err?.fieldError("email")} />
          </Field>
          <div className="space-y-1">
            <Label htmlFor="member-role">Role</Label>
            <Select id="member-role" value={role} onValueChange={(v) => setRole(v as Role)} options={ROLE_OPTIONS} />
          </div>
          {add.error && !err && (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(add.error)}
            </p>
          )}
          <Button type="submit" pending={add.isPending} className="w-full">
            <UserPlus aria-hidden className="size-4" /> Add or invite
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

"use client";
// The invitee's side of an invitation: the form that creates their account, or a prompt to sign
// out when someone else is signed in on this browser.
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { acceptInvitationAction, joinWithAccountAction, signOutForInvitationAction } from "@/lib/auth/invitation-actions";
import type { Role } from "./types";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction.bind(null, token), undefined);
  const fields = state?.fields ?? {};
  // Controlled, so a refused attempt keeps what was typed (React resets a form after its action).
  const [values, setValues] = useState({ name: "", password: "", confirm: "" });
  const bind = (key: keyof typeof values) => ({ name: key, value: values[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value }) });
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <Field id="invite-email" label="Email">
        <Input id="invite-email" value={email} readOnly autoComplete="username" className="bg-slate-50" />
      </Field>
      <Field id="invite-name" label="Your name" error={fields.name}>
        <Input id="invite-name" {...bind("name")} autoComplete="name" required maxLength={100} aria-invalid={!!fields.name} />
      </Field>
      <Field id="invite-password" label="Password" hint="At least 8 characters." error={fields.password}>
        <Input id="invite-password" {...bind("password")} type="password" autoComplete="new-password" required minLength={8} maxLength={200} aria-invalid={!!fields.password} />
      </Field>
      <Field id="invite-confirm" label="Password again" error={fields.confirm}>
        <Input id="invite-confirm" {...bind("confirm")} type="password" autoComplete="new-password" required maxLength={200} aria-invalid={!!fields.confirm} />
      </Field>
      {state?.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}

/** The invited email has an account and its owner is signed in: one click joins. */
export function JoinWithAccount({ token, projectName, role, email }: { token: string; projectName: string; role: Role; email: string }) {
  const [state, action, pending] = useActionState(joinWithAccountAction.bind(null, token), undefined);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Join {projectName}</h1>
      <p className="text-sm text-slate-700">
        You are invited as {role === "admin" ? "an admin" : "a member"}, with your account {email}.
      </p>
      {state?.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <Button type="submit" pending={pending}>
        Join {projectName}
      </Button>
    </form>
  );
}

export function SignOutFirst({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  return (
    <form action={signOutForInvitationAction.bind(null, token)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Sign out to accept</h1>
      <p className="text-sm text-slate-700">
        This invitation is for {invitedEmail}, and you are signed in as {signedInAs}. Sign out, then open the link again to accept it.
      </p>
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}

"use client";
// The Basic credentials an Azure DevOps Service Hook will send, chosen before its inbound webhook is created.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, FormError } from "@/components/ui/label";
import { ApiError } from "@/lib/api-client";

export function AdoCredentialsForm({ pending, onCancel, onSubmit }: { pending: boolean; onCancel: () => void; onSubmit: (body: object) => Promise<void> }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await onSubmit({ username, password });
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-md space-y-3" aria-label="Azure DevOps credentials">
      <p className="text-sm text-slate-600">
        Choose the Basic-Auth username and password that the Azure DevOps Service Hook will send. They are stored encrypted and cannot be read again.
      </p>
      <Field id="ado-username" label="Username" error={error?.fieldError("username")}>
        <Input id="ado-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </Field>
      <Field id="ado-password" label="Password" hint="At least 12 characters." error={error?.fieldError("password")}>
        <Input id="ado-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </Field>
      <FormError error={error} />
      <div className="flex gap-2">
        <Button type="submit" pending={pending}>
          Create webhook
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}


"use client";
// The form that mints a personal API token: a name, an expiry and a scope (read-only or
// read-write, every project or one). The token itself is shown once by the caller.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { api, singleFieldError } from "@/lib/api-client";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES_DAYS, lifetimeLabel, type TokenLifetime } from "@/lib/auth/token-options";
import { queryKeys } from "@/lib/query-keys";
import type { ApiTokenJson, TokenAccess } from "@/lib/auth/api-tokens";

export const ACCESS_LABELS: Record<TokenAccess, string> = { read_write: "Read and write", read_only: "Read only" };
const ALL_PROJECTS = "all";
const NEVER = "never";

export type ProjectChoice = { id: string; name: string };

export function CreateTokenForm({ projects, onCreated }: { projects: ProjectChoice[]; onCreated: (t: { name: string; token: string }) => void }) {
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState<TokenLifetime>(DEFAULT_TOKEN_LIFETIME_DAYS);
  const [access, setAccess] = useState<TokenAccess>("read_write");
  const [projectId, setProjectId] = useState(ALL_PROJECTS);
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      api<{ api_token: ApiTokenJson; token: string }>("/me/tokens", {
        body: { name, expires_in_days: lifetime, access, project_id: projectId === ALL_PROJECTS ? null : projectId },
      }),
    onSuccess: async (res) => {
      await client.invalidateQueries({ queryKey: queryKeys.myTokens() });
      setName("");
      onCreated({ name: res.api_token.name, token: res.token });
    },
  });
  const otherError = create.error && !singleFieldError(create.error, "name") ? create.error.message : undefined;
  return (
    <Card>
      <CardHeader title="Create a token" />
      <CardBody>
        <form
          className="grid gap-4 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="token-name" label="Name" hint="Where it will be used, e.g. “GitHub Actions”." className="sm:col-span-2" error={singleFieldError(create.error, "name")}>
            <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </Field>
          <Field id="token-expiry" label="Expires after" hint="A token that never expires works until you revoke it.">
            <Select
              id="token-expiry"
              value={String(lifetime ?? NEVER)}
              onValueChange={(v) => setLifetime(v === NEVER ? null : (Number(v) as TokenLifetime))}
              options={TOKEN_LIFETIMES_DAYS.map((d) => ({ value: String(d ?? NEVER), label: lifetimeLabel(d) }))}
            />
          </Field>
          <Field id="token-access" label="Access" hint="Read only: it can look but not change anything.">
            <Select
              id="token-access"
              value={access}
              onValueChange={(v) => setAccess(v as TokenAccess)}
              options={(Object.keys(ACCESS_LABELS) as TokenAccess[]).map((a) => ({ value: a, label: ACCESS_LABELS[a] }))}
            />
          </Field>
          <Field id="token-project" label="Projects" hint="Limit it to one project, or let it act in every project you belong to." className="sm:col-span-2">
            <Select
              id="token-project"
              value={projectId}
              onValueChange={setProjectId}
              options={[{ value: ALL_PROJECTS, label: "All my projects" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
            />
          </Field>
          {otherError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2">
              {otherError}
            </p>
          )}
          <div className="sm:col-span-2">
            <Button type="submit" pending={create.isPending}>
              <Plus aria-hidden className="size-4" /> Create token
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

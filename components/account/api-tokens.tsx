"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { RevealOncePanel } from "@/components/webhooks/reveal-once-panel";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage, singleFieldError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type ApiToken = { id: string; name: string; hint: string; last_used_at: string | null; created_at: string };

export function ApiTokens({ initial }: { initial: ApiToken[] }) {
  const key = queryKeys.myTokens();
  const query = useQuery({ queryKey: key, queryFn: async () => (await api<{ api_tokens: ApiToken[] }>("/me/tokens")).api_tokens, initialData: initial });
  const [revealed, setRevealed] = useState<{ name: string; token: string } | null>(null);
  return (
    <div className="space-y-5">
      <CreateToken onCreated={setRevealed} />
      {revealed && (
        <RevealOncePanel
          title={`Token “${revealed.name}” created`}
          values={[{ label: "API token", value: revealed.token }]}
          steps={<p>Send it as <code className="font-mono">Authorization: Bearer …</code> to the API under /api/v1.</p>}
          onDismiss={() => setRevealed(null)}
        />
      )}
      <Card>
        <CardHeader title="Your tokens" description="Send one as Authorization: Bearer <token> to /api/v1. It acts as you in every project you belong to." />
        {query.data.length === 0 ? (
          <CardBody>
            <EmptyState icon={<KeyRound className="size-8" />} title="No API tokens" description="Create one for a CI job or a script." />
          </CardBody>
        ) : (
          <ul aria-label="API tokens" className="divide-y divide-slate-200">
            {query.data.map((t) => (
              <li key={t.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{t.name}</p>
                  <p className="text-xs text-slate-500">
                    <span className="font-mono">sy_…{t.hint}</span> · created <RelativeTime value={t.created_at} /> · last used{" "}
                    <RelativeTime value={t.last_used_at} />
                  </p>
                </div>
                <RevokeToken token={t} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (t: { name: string; token: string }) => void }) {
  const [name, setName] = useState("");
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () => api<{ api_token: ApiToken; token: string }>("/me/tokens", { body: { name } }),
    onSuccess: async (res) => {
      await client.invalidateQueries({ queryKey: queryKeys.myTokens() });
      setName("");
      onCreated({ name: res.api_token.name, token: res.token });
    },
  });
  return (
    <Card>
      <CardHeader title="Create a token" />
      <CardBody>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="token-name" label="Name" hint="Where it will be used, e.g. “GitHub Actions”." className="flex-1" error={singleFieldError(create.error, "name")}>
            <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </Field>
          <Button type="submit" pending={create.isPending} className="sm:mt-6">
            <Plus aria-hidden className="size-4" /> Create token
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

function RevokeToken({ token }: { token: ApiToken }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const toast = useToast();
  const revoke = useMutation({
    mutationFn: () => api(`/me/tokens/${token.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.myTokens() });
      setOpen(false);
      toast({ title: `Revoked “${token.name}”`, tone: "success" });
    },
    onError: (err) => toast({ title: "Could not revoke the token", description: errorMessage(err), tone: "error" }),
  });
  return (
    <AlertDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" size="sm">
          Revoke
        </Button>
      }
      title={`Revoke “${token.name}”?`}
      description="Anything still using it gets 401 from the next request on."
      confirmLabel="Revoke token"
      danger
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate()}
    />
  );
}

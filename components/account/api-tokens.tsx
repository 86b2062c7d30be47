"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { RevealOncePanel } from "@/components/webhooks/reveal-once-panel";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import type { ApiTokenJson } from "@/lib/auth/api-tokens";
import { queryKeys } from "@/lib/query-keys";
import { ACCESS_LABELS, CreateTokenForm, type ProjectChoice } from "./create-token-form";

type ApiToken = ApiTokenJson;

export function ApiTokens({ initial, projects }: { initial: ApiToken[]; projects: ProjectChoice[] }) {
  const key = queryKeys.myTokens();
  const query = useQuery({ queryKey: key, queryFn: async () => (await api<{ api_tokens: ApiToken[] }>("/me/tokens")).api_tokens, initialData: initial });
  const [revealed, setRevealed] = useState<{ name: string; token: string } | null>(null);
  return (
    <div className="space-y-5">
      <CreateTokenForm projects={projects} onCreated={setRevealed} />
      {revealed && (
        <RevealOncePanel
          title={`Token “${revealed.name}” created`}
          values={[{ label: "API token", value: revealed.token }]}
          steps={<p>Send it as <code className="font-mono">Authorization: Bearer …</code> to the API under /api/v1.</p>}
          onDismiss={() => setRevealed(null)}
        />
      )}
      <Card>
        <CardHeader title="Your tokens" description="Send one as Authorization: Bearer <token> to /api/v1. It acts as you, within its scope, until it expires or you revoke it." />
        {query.data.length === 0 ? (
          <CardBody>
            <EmptyState icon={<KeyRound className="size-8" />} title="No API tokens" description="Create one for a CI job or a script." />
          </CardBody>
        ) : (
          <ul aria-label="API tokens" className="divide-y divide-slate-200">
            {query.data.map((t) => (
              <li key={t.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="font-medium break-words text-slate-900">{t.name}</p>
                  <TokenScope token={t} />
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

/** Its access, its project and when it expires (or that it has). */
function TokenScope({ token }: { token: ApiToken }) {
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= Date.now();
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
      <Badge tone={token.access === "read_only" ? "blue" : "neutral"}>{ACCESS_LABELS[token.access]}</Badge>
      <span>{token.project ? <>Only {token.project.name}</> : "All my projects"}</span>
      <span aria-hidden>·</span>
      {token.expires_at === null ? (
        <span>Never expires</span>
      ) : expired ? (
        <Badge tone="red">
          Expired <RelativeTime value={token.expires_at} />
        </Badge>
      ) : (
        <span>
          Expires <RelativeTime value={token.expires_at} />
        </span>
      )}
    </p>
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

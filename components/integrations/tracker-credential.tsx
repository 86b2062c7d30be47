"use client";
// The tracker API credential reconciliation uses: pasted once, tested against the tracker on save
// ("Connected as …"), stored encrypted and never shown again — afterwards only "set, added 3 days ago".
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, FormError } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { ConfirmAction } from "@/components/webhooks/confirm-action";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { PROVIDER_LABELS, type Integration } from "./providers";

type Tracker = Exclude<Integration["provider"], "simple_url">;

const TOKEN_HINTS: Record<Tracker, string> = {
  github: "A fine-grained personal access token with read access to the repository's Issues.",
  jira: "An API token from id.atlassian.com → Security → API tokens, for an account that can browse the project.",
  azure_devops: "A personal access token with the Work Items (Read) scope.",
};

export function TrackerCredential({ projectId, integration }: { projectId: string; integration: Integration & { provider: Tracker } }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [token, setToken] = useState("");
  const [email, setEmail] = useState("");
  const label = PROVIDER_LABELS[integration.provider];
  const saved = (next: Integration) => queryClient.setQueryData(queryKeys.integration(projectId), next);

  const save = useMutation({
    mutationFn: () =>
      api<{ integration: Integration }>(`/projects/${projectId}/integration/credential`, {
        method: "PUT",
        body: { token, ...(integration.provider === "jira" && email ? { email } : {}) },
      }),
    onSuccess: (res) => {
      saved(res.integration);
      setEditing(false);
      setToken("");
      toast({ tone: "success", title: `Connected as ${res.integration.credential?.account ?? "the token's account"}`, description: `${label} accepted the credential.` });
    },
  });
  const remove = useMutation({
    mutationFn: () => api<{ integration: Integration }>(`/projects/${projectId}/integration/credential`, { method: "DELETE" }),
    onSuccess: (res) => {
      saved(res.integration);
      toast({ tone: "success", title: "API credential removed", description: "Syncs stop until a new one is added." });
    },
  });

  const credential = integration.credential;
  if (credential && !editing) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3" data-testid="tracker-credential">
        <p className="text-sm text-slate-700">
          <KeyRound aria-hidden className="mr-1 inline size-4 text-slate-500" />
          API credential set, added <RelativeTime value={credential.set_at} />
          {credential.account && (
            <>
              {" "}· connected as <b>{credential.account}</b>
            </>
          )}
          . It cannot be read again.
        </p>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            Replace
          </Button>
          <ConfirmAction
            trigger={
              <Button size="sm" variant="danger">
                Remove
              </Button>
            }
            title="Remove the API credential?"
            description={`Switchyard stops syncing issues from ${label} through its API; webhooks keep arriving.`}
            confirmLabel="Remove credential"
            danger
            onConfirm={() => remove.mutateAsync()}
          />
        </div>
      </div>
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  const error = save.error ? (save.error instanceof ApiError ? save.error : new ApiError(0, errorMessage(save.error))) : null;

  return (
    <form onSubmit={onSubmit} className="max-w-lg space-y-3" aria-label={`${label} API credential`}>
      <p className="text-sm text-slate-600">
        With an API credential, Switchyard re-reads issues changed in {label} every hour and on <b>Sync now</b>, so an issue whose webhook was missed heals on its own. It is tested now, stored
        encrypted and never shown again.
      </p>
      {integration.provider === "jira" && (
        <Field id="credential-email" label="Atlassian account email" hint="Leave empty for a Jira Data Center personal access token." error={error?.fieldError("email")}>
          <Input id="credential-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
      )}
      <Field id="credential-token" label={integration.provider === "jira" ? "API token" : "Personal access token"} hint={TOKEN_HINTS[integration.provider]} error={error?.fieldError("token")}>
        <Input id="credential-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
      </Field>
      <FormError error={error} />
      <div className="flex gap-2">
        <Button type="submit" pending={save.isPending}>
          {save.isPending ? `Checking with ${label}…` : "Test and save"}
        </Button>
        {credential && (
          <Button type="button" variant="secondary" onClick={() => (setEditing(false), save.reset())}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

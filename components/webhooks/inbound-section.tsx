"use client";
// The Inbound section of Settings → Webhooks: the project's one webhook that receives issue events
// from its Issue Integration. Secrets are shown once (reveal-once panel), afterwards only the
// redacted URL; Rotate is a hard cutover (Jira/GitHub), Azure DevOps is deleted and recreated.
import { useState, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDownToLine, Plus, RotateCw, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Field, FormError } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonList } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { PROVIDER_LABELS, integrationTarget, type Integration } from "@/components/integrations/providers";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ConfirmAction } from "./confirm-action";
import { RevealOncePanel } from "./reveal-once-panel";
import { SendTestButton } from "./send-test-button";

type InboundWebhook = { id: string; provider: "jira" | "github" | "azure_devops"; url: string; auth: "hmac" | "basic"; created_at: string; rotated_at: string | null };
type Revealed = { provider: InboundWebhook["provider"]; url: string; secret?: string; username?: string; rotated: boolean };

export function InboundSection({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [adoFormOpen, setAdoFormOpen] = useState(false);
  const [creating, setCreating] = useState(false);

  const integration = useQuery({
    queryKey: queryKeys.integration(projectId),
    queryFn: () => api<{ integration: Integration | null }>(`/projects/${projectId}/integration`).then((r) => r.integration),
  });
  const webhooks = useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => api<{ inbound: InboundWebhook | null; outbound: unknown[] }>(`/projects/${projectId}/webhooks`),
  });
  const inbound = webhooks.data?.inbound ?? null;
  const provider = integration.data?.provider;
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });

  async function create(body: object = {}) {
    setCreating(true);
    try {
      const res = await api<{ url: string; secret?: string; username?: string; webhook: InboundWebhook }>(`/projects/${projectId}/webhooks/inbound`, {
        method: "POST",
        body,
      });
      setRevealed({ provider: res.webhook.provider, url: res.url, secret: res.secret, username: res.username, rotated: false });
      setAdoFormOpen(false);
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) throw err; // the ADO form shows field errors
      toast({ tone: "error", title: "Could not add the inbound webhook", description: errorMessage(err) });
    } finally {
      setCreating(false);
    }
  }

  async function rotate() {
    const res = await api<{ url: string; secret: string; webhook: InboundWebhook }>(`/projects/${projectId}/webhooks/inbound/rotate`, { method: "POST" });
    setRevealed({ provider: res.webhook.provider, url: res.url, secret: res.secret, rotated: true });
    await refresh();
  }

  async function remove() {
    await api(`/projects/${projectId}/webhooks/inbound`, { method: "DELETE" });
    setRevealed(null);
    toast({ tone: "success", title: "Inbound webhook deleted", description: "Its URL now answers 404." });
    await refresh();
  }

  const canAdd = !!provider && provider !== "simple_url" && !inbound;
  const addButton = (
    <Button
      size="sm"
      disabled={!canAdd || creating}
      pending={creating}
      onClick={() => (provider === "azure_devops" ? setAdoFormOpen(true) : void create())}
    >
      <Plus aria-hidden className="size-4" /> Add inbound webhook
    </Button>
  );

  let body: ReactNode;
  if (integration.isPending || webhooks.isPending) body = <SkeletonList rows={2} label="Loading the inbound webhook…" />;
  else if (integration.isError || webhooks.isError) {
    body = (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        Could not load the inbound webhook: {errorMessage(integration.error ?? webhooks.error)}{" "}
        <button className="underline" onClick={() => void Promise.all([integration.refetch(), webhooks.refetch()])}>
          Try again
        </button>
      </p>
    );
  } else if (revealed) {
    body = (
      <RevealOncePanel
        title={revealed.rotated ? "New URL and secret — the old URL no longer works" : `Your ${PROVIDER_LABELS[revealed.provider]} webhook is ready`}
        values={[
          { label: "Webhook URL", value: revealed.url },
          ...(revealed.secret ? [{ label: "Secret", value: revealed.secret }] : []),
          ...(revealed.username ? [{ label: "Username", value: revealed.username }] : []),
        ]}
        steps={<SetupSteps provider={revealed.provider} />}
        onDismiss={() => setRevealed(null)}
      />
    );
  } else if (inbound) {
    body = <InboundCard projectId={projectId} webhook={inbound} onRotate={rotate} onDelete={remove} target={integration.data ? integrationTarget(integration.data) : ""} />;
  } else if (adoFormOpen) {
    body = <AdoCredentialsForm pending={creating} onCancel={() => setAdoFormOpen(false)} onSubmit={create} />;
  } else if (!provider) {
    body = (
      <EmptyState
        icon={<ArrowDownToLine className="size-6" />}
        title="An Issue Integration is required to receive issue updates."
        description={
          <>
            Choose Jira, GitHub or Azure DevOps under{" "}
            <Link href={`/projects/${projectId}/settings/integrations`} className="font-medium text-indigo-700 underline">
              Integrations
            </Link>
            , then add the inbound webhook here.
          </>
        }
        action={addButton}
      />
    );
  } else if (provider === "simple_url") {
    body = (
      <EmptyState
        icon={<ArrowDownToLine className="size-6" />}
        title="Simple URL integrations have no webhook."
        description={
          <>
            Simple URL only links issues to your tracker. To receive issue updates, switch to Jira, GitHub or Azure DevOps under{" "}
            <Link href={`/projects/${projectId}/settings/integrations`} className="font-medium text-indigo-700 underline">
              Integrations
            </Link>
            .
          </>
        }
        action={addButton}
      />
    );
  } else {
    body = (
      <EmptyState
        icon={<ArrowDownToLine className="size-6" />}
        title="No inbound webhook yet"
        description="Add one to receive issue updates from your assigned Issue Integration."
        action={addButton}
      />
    );
  }

  return (
    <Card>
      <section aria-labelledby="inbound-title">
        <CardHeader
          title={<span id="inbound-title">Inbound</span>}
          description={
            provider && provider !== "simple_url"
              ? `Issue events from ${PROVIDER_LABELS[provider]} keep this project's issues in sync and update open tabs live.`
              : "Issue events from your tracker keep this project's issues in sync and update open tabs live."
          }
        />
        <CardBody>{body}</CardBody>
      </section>
    </Card>
  );
}

function InboundCard({
  projectId,
  webhook,
  target,
  onRotate,
  onDelete,
}: {
  projectId: string;
  webhook: InboundWebhook;
  target: string;
  onRotate: () => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}) {
  return (
    <div className="space-y-3" data-testid="inbound-webhook">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="blue">{PROVIDER_LABELS[webhook.provider]}</Badge>
        {target && <span className="text-sm text-slate-600">{target}</span>}
        <span className="text-xs text-slate-500">
          Created <RelativeTime value={webhook.created_at} />
          {webhook.rotated_at && (
            <>
              {" · "}rotated <RelativeTime value={webhook.rotated_at} />
            </>
          )}
        </span>
      </div>
      <div>
        <p className="text-xs font-medium text-slate-700">Webhook URL</p>
        <code data-testid="inbound-url" className="mt-1 block overflow-x-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800">
          {webhook.url}
        </code>
        <p className="mt-1 text-xs text-slate-500">
          {webhook.auth === "basic"
            ? "The URL token and the Basic credentials were shown once and cannot be read again."
            : "The URL token and the secret were shown once and cannot be read again. Rotate to get new ones."}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <SendTestButton projectId={projectId} endpoint={`/projects/${projectId}/webhooks/inbound/test`} />
        {webhook.auth === "hmac" && (
          <ConfirmAction
            trigger={
              <Button variant="secondary" size="sm">
                <RotateCw aria-hidden className="size-3.5" /> Rotate
              </Button>
            }
            title="Rotate the URL and secret?"
            description={`A new URL and secret replace the current ones at once: the current URL answers 404 from now on, so ${PROVIDER_LABELS[webhook.provider]} stops delivering until you paste the new values.`}
            confirmLabel="Rotate now"
            onConfirm={onRotate}
          />
        )}
        <ConfirmAction
          trigger={
            <Button variant="danger" size="sm">
              <Trash2 aria-hidden className="size-3.5" /> Delete
            </Button>
          }
          title="Delete the inbound webhook?"
          description={`Its URL answers 404 from now on and issue updates from ${PROVIDER_LABELS[webhook.provider]} stop arriving. Past deliveries stay in the Deliveries tab.`}
          confirmLabel="Delete webhook"
          danger
          onConfirm={onDelete}
        />
      </div>
    </div>
  );
}

function AdoCredentialsForm({ pending, onCancel, onSubmit }: { pending: boolean; onCancel: () => void; onSubmit: (body: object) => Promise<void> }) {
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

function SetupSteps({ provider }: { provider: InboundWebhook["provider"] }) {
  const steps: Record<InboundWebhook["provider"], ReactNode[]> = {
    github: [
      <>In the repository, open <b>Settings → Webhooks → Add webhook</b>.</>,
      <>Paste the URL into <b>Payload URL</b> and set <b>Content type</b> to <code>application/json</code>.</>,
      <>Paste the secret into <b>Secret</b>.</>,
      <>Choose <b>Let me select individual events</b>, tick <b>Issues</b> only, and save.</>,
    ],
    jira: [
      <>In Jira, open <b>Settings → System → WebHooks → Create a WebHook</b>.</>,
      <>Paste the URL and the secret.</>,
      <>Under <b>Issue</b>, subscribe to <b>created</b>, <b>updated</b> and <b>deleted</b>, then save.</>,
    ],
    azure_devops: [
      <>In Azure DevOps, open <b>Project settings → Service hooks → Create subscription → Web Hooks</b>.</>,
      <>Trigger on <b>Work item created</b> (then repeat for <b>Work item updated</b> and <b>Work item deleted</b>).</>,
      <>Paste the URL, and enter the Basic authentication username and the password you chose.</>,
    ],
  };
  return (
    <div>
      <p className="font-medium">Set it up in {PROVIDER_LABELS[provider]}:</p>
      <ol className="mt-1 list-decimal space-y-1 pl-5">
        {steps[provider].map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
    </div>
  );
}

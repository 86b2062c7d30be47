"use client";
// Settings → Integrations: one issue tracker per project. Switching the tracker or removing it
// deletes the inbound webhook (it is locked to its tracker), so the confirmation says so.
import { useState, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field, FormError } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { ConfirmAction } from "@/components/webhooks/confirm-action";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { cn } from "@/components/ui/cn";
import { queryKeys } from "@/lib/query-keys";
import { PROVIDER_LABELS, integrationTarget, type Integration, type IntegrationProvider } from "./providers";

const FIELDS: Record<IntegrationProvider, { name: string; label: string; placeholder: string; hint?: string; optional?: boolean }[]> = {
  jira: [
    { name: "site_url", label: "Jira site URL", placeholder: "https://acme.atlassian.net", hint: "Jira Cloud, or your Data Center base URL." },
    { name: "project_key", label: "Project key", placeholder: "QA" },
  ],
  github: [
    { name: "repository", label: "Repository", placeholder: "octo-org/web", hint: "owner/repo" },
    { name: "api_url", label: "API base URL (optional)", placeholder: "https://api.github.com", hint: "GitHub Enterprise Server: https://ghe.example.com/api/v3", optional: true },
  ],
  azure_devops: [
    { name: "organization", label: "Organization", placeholder: "acme" },
    { name: "project", label: "Project", placeholder: "Checkout" },
    { name: "api_url", label: "Collection URL (optional)", placeholder: "https://dev.azure.com/acme", hint: "Azure DevOps Server: https://ado.example.com/DefaultCollection", optional: true },
  ],
  simple_url: [{ name: "url_pattern", label: "Issue URL pattern", placeholder: "https://tracker.example/issues/{key}", hint: "{key} is replaced by the issue key." }],
};

const DESCRIPTIONS: Record<IntegrationProvider, string> = {
  jira: "Sync issues from a Jira Cloud or Data Center project.",
  github: "Sync issues from a GitHub repository.",
  azure_devops: "Sync work items from an Azure DevOps project.",
  simple_url: "Link issues to any tracker by URL; no sync.",
};

export function IntegrationSettings({ projectId, initial, hasInboundWebhook }: { projectId: string; initial: Integration | null; hasInboundWebhook: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { data: current } = useQuery({
    queryKey: queryKeys.integration(projectId),
    queryFn: () => api<{ integration: Integration | null }>(`/projects/${projectId}/integration`).then((r) => r.integration),
    initialData: initial,
  });
  const [inboundExists, setInboundExists] = useState(hasInboundWebhook);
  const [provider, setProvider] = useState<IntegrationProvider>(current?.provider ?? "github");
  const [values, setValues] = useState<Record<string, string>>(current?.config ?? {});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  const switching = !!current && current.provider !== provider;

  async function save() {
    setPending(true);
    setError(null);
    try {
      const config = Object.fromEntries(FIELDS[provider].map((f) => [f.name, values[f.name] ?? ""]));
      const res = await api<{ integration: Integration; inbound_webhook_removed: boolean }>(`/projects/${projectId}/integration`, {
        method: "PUT",
        body: { provider, ...config },
      });
      queryClient.setQueryData(queryKeys.integration(projectId), res.integration);
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
      if (res.inbound_webhook_removed) setInboundExists(false);
      toast({
        tone: "success",
        title: `${PROVIDER_LABELS[provider]} integration saved`,
        description: res.inbound_webhook_removed ? "The previous inbound webhook was deleted." : undefined,
      });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, errorMessage(err)));
      throw err;
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    await api(`/projects/${projectId}/integration`, { method: "DELETE" });
    queryClient.setQueryData(queryKeys.integration(projectId), null);
    void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
    setInboundExists(false);
    setValues({});
    toast({ tone: "success", title: "Integration removed" });
  }

  const consequences = (verb: "switch" | "remove"): ReactNode => (
    <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
      <li>
        {verb === "switch"
          ? `The ${PROVIDER_LABELS[current!.provider]} settings are replaced by ${PROVIDER_LABELS[provider]}.`
          : `The ${current ? PROVIDER_LABELS[current.provider] : ""} settings are removed.`}
      </li>
      <li>Existing issues keep their links to tracker issues.</li>
      {inboundExists && (
        <li data-testid="inbound-consequence" className="font-medium text-red-800">
          The inbound webhook is deleted: its URL answers 404 at once and issue updates stop arriving.
        </li>
      )}
    </ul>
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save().catch(() => {});
  }

  return (
    <Card>
      <CardHeader
        title="Issue integration"
        description={
          current ? (
            <>
              Connected to <b>{PROVIDER_LABELS[current.provider]}</b> ({integrationTarget(current)}).{" "}
              {current.provider !== "simple_url" && (
                <Link className="font-medium text-indigo-700 underline" href={`/projects/${projectId}/settings/webhooks`}>
                  Manage the inbound webhook
                </Link>
              )}
            </>
          ) : (
            "No tracker is connected yet."
          )
        }
      />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-5" aria-label="Issue integration">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Tracker</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {(Object.keys(PROVIDER_LABELS) as IntegrationProvider[]).map((p) => (
                <label
                  key={p}
                  className={cn(
                    "flex cursor-pointer gap-3 rounded-md border p-3 text-sm focus-within:outline-2 focus-within:outline-indigo-500",
                    provider === p ? "border-indigo-500 bg-indigo-50" : "border-slate-200 bg-white hover:bg-slate-50",
                  )}
                >
                  <input
                    type="radio"
                    name="provider"
                    value={p}
                    checked={provider === p}
                    onChange={() => {
                      setProvider(p);
                      setValues(current?.provider === p ? current.config : {});
                      setError(null);
                    }}
                    className="mt-0.5 accent-indigo-600"
                  />
                  <span>
                    <span className="block font-medium text-slate-900">{PROVIDER_LABELS[p]}</span>
                    <span className="block text-slate-600">{DESCRIPTIONS[p]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {FIELDS[provider].map((f) => (
            <Field key={`${provider}-${f.name}`} id={`integration-${f.name}`} label={f.label} hint={f.hint} error={error?.fieldError(f.name)}>
              <Input
                id={`integration-${f.name}`}
                placeholder={f.placeholder}
                value={values[f.name] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                required={!f.optional}
              />
            </Field>
          ))}
          <FormError error={error} />
          <div className="flex flex-wrap gap-2">
            {switching ? (
              <ConfirmAction
                trigger={<Button type="button">Switch to {PROVIDER_LABELS[provider]}</Button>}
                title={`Switch from ${PROVIDER_LABELS[current!.provider]} to ${PROVIDER_LABELS[provider]}?`}
                description="This changes where the project's issues come from."
                confirmLabel={`Switch to ${PROVIDER_LABELS[provider]}`}
                danger={inboundExists}
                onConfirm={save}
              >
                {consequences("switch")}
              </ConfirmAction>
            ) : (
              <Button type="submit" pending={pending}>
                {current ? "Save settings" : `Connect ${PROVIDER_LABELS[provider]}`}
              </Button>
            )}
            {current && (
              <ConfirmAction
                trigger={
                  <Button type="button" variant="danger">
                    Remove integration
                  </Button>
                }
                title="Remove the issue integration?"
                description="Issues stop syncing with the tracker."
                confirmLabel="Remove integration"
                danger
                onConfirm={remove}
              >
                {consequences("remove")}
              </ConfirmAction>
            )}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

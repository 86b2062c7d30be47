"use client";
// The Inbound section of Settings → Webhooks: the project's one webhook that receives issue events
// from its Issue Integration. Secrets are shown once (reveal-once panel), afterwards only the
// redacted URL; Rotate is a hard cutover (Jira/GitHub), Azure DevOps is deleted and recreated.
// This file chooses what the section shows; its parts live beside it.
import { useState, type ReactNode } from "react";
import Link from "next/link";
import { ArrowDownToLine, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonList } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { PROVIDER_LABELS, integrationTarget } from "@/components/integrations/providers";
import { ApiError, errorMessage } from "@/lib/api-client";
import { AdoCredentialsForm } from "./ado-credentials-form";
import { InboundSetupSteps } from "./inbound-setup-steps";
import { InboundWebhookCard } from "./inbound-webhook-card";
import { RevealOncePanel } from "./reveal-once-panel";
import { useInboundWebhook, type Revealed } from "./use-inbound-webhook";

export function InboundSection({ projectId }: { projectId: string }) {
  const toast = useToast();
  const { integration, webhooks, inbound, create, rotate, remove } = useInboundWebhook(projectId);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [adoFormOpen, setAdoFormOpen] = useState(false);
  const provider = integration.data?.provider;

  async function add(body: object = {}) {
    try {
      setRevealed(await create.mutateAsync(body));
      setAdoFormOpen(false);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) throw err; // the ADO form shows field errors
      toast({ tone: "error", title: "Could not add the inbound webhook", description: errorMessage(err) });
    }
  }

  const canAdd = !!provider && provider !== "simple_url" && !inbound;
  const addButton = (
    <Button
      size="sm"
      disabled={!canAdd || create.isPending}
      pending={create.isPending}
      onClick={() => (provider === "azure_devops" ? setAdoFormOpen(true) : void add())}
    >
      <Plus aria-hidden className="size-4" /> Add inbound webhook
    </Button>
  );
  const integrationsLink = (
    <Link href={`/projects/${projectId}/settings/integrations`} className="font-medium text-indigo-700 underline">
      Integrations
    </Link>
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
        steps={<InboundSetupSteps provider={revealed.provider} />}
        onDismiss={() => setRevealed(null)}
      />
    );
  } else if (inbound) {
    body = (
      <InboundWebhookCard
        projectId={projectId}
        webhook={inbound}
        target={integration.data ? integrationTarget(integration.data) : ""}
        onRotate={async () => setRevealed(await rotate.mutateAsync())}
        onDelete={async () => {
          await remove.mutateAsync();
          setRevealed(null);
          toast({ tone: "success", title: "Inbound webhook deleted", description: "Its URL now answers 404." });
        }}
      />
    );
  } else if (adoFormOpen) {
    body = <AdoCredentialsForm pending={create.isPending} onCancel={() => setAdoFormOpen(false)} onSubmit={add} />;
  } else if (!provider) {
    body = (
      <EmptyState
        icon={<ArrowDownToLine className="size-6" />}
        title="An Issue Integration is required to receive issue updates."
        description={<>Choose Jira, GitHub or Azure DevOps under {integrationsLink}, then add the inbound webhook here.</>}
        action={addButton}
      />
    );
  } else if (provider === "simple_url") {
    body = (
      <EmptyState
        icon={<ArrowDownToLine className="size-6" />}
        title="Simple URL integrations have no webhook."
        description={<>Simple URL only links issues to your tracker. To receive issue updates, switch to Jira, GitHub or Azure DevOps under {integrationsLink}.</>}
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

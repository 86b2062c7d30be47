// Where to paste the inbound webhook's URL and secret in each tracker, and what Switchyard answers it,
// shown under the reveal-once values.
import type { ReactNode } from "react";
import { PROVIDER_LABELS } from "@/components/integrations/providers";
import type { InboundWebhook } from "./types";

export function InboundSetupSteps({ provider }: { provider: InboundWebhook["provider"] }) {
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
      <InboundReplies provider={provider} />
    </div>
  );
}

/** What the receipt answers (DESIGN section 5), so an admin can read the tracker's delivery log. */
function InboundReplies({ provider }: { provider: InboundWebhook["provider"] }) {
  const scope = { github: "another repository", jira: "another Jira project", azure_devops: "another Azure DevOps project" }[provider];
  const retries = {
    github: "GitHub does not retry: redeliver it from the webhook's Recent Deliveries.",
    jira: "Jira retries it.",
    azure_devops: "Azure DevOps retries it (Switchyard never answers 410, so the subscription stays enabled).",
  }[provider];
  return (
    <div className="mt-3">
      <p className="font-medium">What Switchyard answers:</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        <li><b>202</b> — the change was applied or the issue imported.</li>
        <li><b>200</b> — nothing to change: a duplicate, a Send Test, an event that is not about issues, or one for {scope} (recorded as ignored).</li>
        <li><b>400</b> — a payload the tracker could not have sent (the reason is under Deliveries); <b>401</b> — the secret or credentials do not match; <b>413</b> — over 5 MiB.</li>
        <li><b>503</b> — Switchyard could not process it right now. {retries}</li>
      </ul>
    </div>
  );
}

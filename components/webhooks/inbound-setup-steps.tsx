// Where to paste the inbound webhook's URL and secret in each tracker, shown under the reveal-once values.
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
    </div>
  );
}

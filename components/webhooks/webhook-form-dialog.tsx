"use client";
// Add Webhook and Edit in a dialog. After a generic webhook is created the dialog turns into the
// reveal-once panel for its secret; closing it then (✕, Esc, a click outside) before the secret was
// copied asks first, like the panel's own button.
import { useState, type ReactNode } from "react";
import { Dialog } from "@/components/ui/dialog";
import { RevealOncePanel, useRevealGuard } from "./reveal-once-panel";
import type { OutboundWebhook } from "./types";
import { WebhookForm } from "./webhook-form";

export function WebhookFormDialog({
  projectId,
  webhook,
  trigger,
}: {
  projectId: string;
  /** Present when editing. */
  webhook?: OutboundWebhook;
  trigger: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  // The secret lives here only until "I have saved it" (or the dialog closes), then it is gone.
  const [secret, setSecret] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  function close() {
    setOpen(false);
    setSecret(null);
    setFormKey((k) => k + 1);
    guard.reset();
  }
  const guard = useRevealGuard(close);

  const editing = Boolean(webhook);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setOpen(true);
        else if (secret) guard.requestDismiss();
        else close();
      }}
      trigger={trigger}
      title={secret ? "Webhook created" : editing ? `Edit ${webhook!.name}` : "Add webhook"}
      description={
        secret ? undefined : editing ? "Change the name, URL or custom headers." : "Send this project's events to a URL: Slack or your own service."
      }
      className="max-w-2xl"
    >
      {secret ? (
        <RevealOncePanel
          key={secret}
          guard={guard}
          title="Save the signing secret"
          values={[{ label: "Signing secret", value: secret }]}
          steps={
            <p>
              Verify each delivery with this secret: the <code className="font-mono">webhook-signature</code> header follows Standard Webhooks, and{" "}
              <code className="font-mono">x-switchyard-signature-256</code> carries a hex HMAC-SHA256 of the body.
            </p>
          }
          onDismiss={close}
        />
      ) : (
        <WebhookForm key={formKey} projectId={projectId} webhook={webhook} onDone={(createdSecret) => (createdSecret ? setSecret(createdSecret) : close())} />
      )}
    </Dialog>
  );
}

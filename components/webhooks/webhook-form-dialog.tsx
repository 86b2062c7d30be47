"use client";
// Add Webhook and Edit: name, URL (Slack detected live), custom headers and, when adding, the event
// picker. The server validates; its problem+json field errors are shown next to their inputs.
// After a generic webhook is created the dialog turns into the reveal-once panel for its secret.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Plus, Trash2 } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { MAX_CUSTOM_HEADERS } from "@/lib/outbound/custom-headers";
import { isSlackUrl } from "@/lib/outbound/slack";
import { EventPicker } from "./event-picker";
import { RevealOncePanel } from "./reveal-once-panel";
import type { OutboundWebhook } from "./types";


type HeaderRow = { key: number; name: string; value: string };
let rowKey = 0;

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

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setSecret(null);
      setFormKey((k) => k + 1);
    }
  }

  const editing = Boolean(webhook);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger}
      title={secret ? "Webhook created" : editing ? `Edit ${webhook!.name}` : "Add webhook"}
      description={
        secret ? undefined : editing ? "Change the name, URL or custom headers." : "Send this project's events to a URL: Slack or your own service."
      }
      className="max-w-2xl"
    >
      {secret ? (
        <RevealOncePanel
          title="Save the signing secret"
          values={[{ label: "Signing secret", value: secret }]}
          steps={
            <p>
              Verify each delivery with this secret: the <code className="font-mono">webhook-signature</code> header follows Standard Webhooks, and{" "}
              <code className="font-mono">x-switchyard-signature-256</code> carries a hex HMAC-SHA256 of the body.
            </p>
          }
          onDismiss={() => onOpenChange(false)}
        />
      ) : (
        <WebhookForm
          key={formKey}
          projectId={projectId}
          webhook={webhook}
          onDone={(createdSecret) => (createdSecret ? setSecret(createdSecret) : onOpenChange(false))}
        />
      )}
    </Dialog>
  );
}

function WebhookForm({
  projectId,
  webhook,
  onDone,
}: {
  projectId: string;
  webhook?: OutboundWebhook;
  onDone: (secret: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const editing = Boolean(webhook);
  const [name, setName] = useState(webhook?.name ?? "");
  // A Slack URL is a secret the server keeps encrypted; editing shows it empty and keeps it unless replaced.
  const [url, setUrl] = useState(webhook && webhook.kind === "generic" ? webhook.url : "");
  const [events, setEvents] = useState<Set<string>>(new Set());
  const [headers, setHeaders] = useState<HeaderRow[]>(() => (webhook?.custom_headers ?? []).map((h) => ({ key: rowKey++, name: h.name, value: "" })));
  const [headersTouched, setHeadersTouched] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [pending, setPending] = useState(false);

  const formRef = useRef<HTMLFormElement>(null);
  // Take keyboard and screen-reader users to the first field the server rejected.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  const fieldError = (path: string) => (error instanceof ApiError ? error.fieldError(path) : undefined);
  const slack = isSlackUrl(url.trim());

  function editHeaders(next: HeaderRow[]) {
    setHeaders(next);
    setHeadersTouched(true);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const headerBody = headers.filter((h) => h.name.trim() || h.value).map((h) => ({ name: h.name.trim(), value: h.value }));
    // On edit an empty value keeps the stored one (values are never sent back to the browser).
    const editHeaderBody = headerBody.map((h) => (h.value ? h : { name: h.name }));
    try {
      if (webhook) {
        const body: Record<string, unknown> = { name };
        if (url.trim() && url !== webhook.url) body.url = url.trim();
        if (headersTouched) body.headers = editHeaderBody;
        await api(`/projects/${projectId}/webhooks/outbound/${webhook.id}`, { method: "PATCH", body });
        toast({ tone: "success", title: "Webhook saved" });
        onDone(null);
      } else {
        const res = await api<{ webhook: OutboundWebhook; secret: string | null }>(`/projects/${projectId}/webhooks/outbound`, {
          body: { name, url: url.trim(), events: [...events], headers: headerBody },
        });
        toast({ tone: "success", title: `Webhook "${res.webhook.name}" added` });
        onDone(res.secret ?? null);
      }
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
    } catch (err) {
      setError(err instanceof Error ? err : new Error(errorMessage(err)));
    } finally {
      setPending(false);
    }
  }

  const idp = webhook ? `edit-${webhook.id}` : "add-webhook";
  const describedBy = (id: string, hint?: boolean) => (fieldError(id.split("-").pop()!) ? `${idp}-${id}-error` : hint ? `${idp}-${id}-hint` : undefined);
  const unmatched = error instanceof ApiError ? error.errors.filter((e) => !/^(name|url|events|headers)/.test(e.path)) : [];

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${idp}-name`} label="Name" error={fieldError("name")}>
        <Input
          id={`${idp}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. CI notifications"
          aria-invalid={Boolean(fieldError("name"))}
          aria-describedby={describedBy("name")}
          autoComplete="off"
        />
      </Field>
      <Field
        id={`${idp}-url`}
        label="URL"
        error={fieldError("url")}
        hint={webhook?.kind === "slack" ? `Current: ${webhook.url}. Leave empty to keep it.` : "HTTPS endpoint that accepts POST requests."}
      >
        <Input
          id={`${idp}-url`}
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.com/hooks/switchyard"
          aria-invalid={Boolean(fieldError("url"))}
          aria-describedby={describedBy("url", true)}
          autoComplete="off"
        />
        <p aria-live="polite" className="min-h-5 text-xs">
          {slack && (
            <Badge tone="blue" className="mt-1">
              Slack webhook detected: events arrive as Slack messages, without a signature
            </Badge>
          )}
        </p>
      </Field>

      {!editing && (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-800" id={`${idp}-events-label`}>
            Events
          </p>
          <EventPicker
            idPrefix={idp}
            selected={events}
            onToggle={(type, on) =>
              setEvents((prev) => {
                const next = new Set(prev);
                if (on) next.add(type);
                else next.delete(type);
                return next;
              })
            }
            onToggleGroup={(types, on) =>
              setEvents((prev) => {
                const next = new Set(prev);
                types.forEach((t) => (on ? next.add(t) : next.delete(t)));
                return next;
              })
            }
          />
          {fieldError("events") && (
            <p role="alert" className="text-xs text-red-700">
              {fieldError("events")}
            </p>
          )}
        </div>
      )}

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Custom headers</legend>
        <p className="text-xs text-slate-500">
          Up to {MAX_CUSTOM_HEADERS}, sent with every delivery. Values are stored encrypted
          {editing ? " and never shown again: leave a value empty to keep it." : "."}
        </p>
        {headers.map((h, i) => (
          <div key={h.key} className="space-y-1">
            <div className="flex gap-2">
              <Input
                aria-label={`Header ${i + 1} name`}
                placeholder="X-Api-Key"
                value={h.name}
                onChange={(e) => editHeaders(headers.map((x) => (x.key === h.key ? { ...x, name: e.target.value } : x)))}
                aria-invalid={Boolean(fieldError(`headers.${i}.name`))}
                className="font-mono"
              />
              <Input
                aria-label={`Header ${i + 1} value`}
                placeholder={editing && webhook?.custom_headers.some((x) => x.name === h.name) ? "(unchanged)" : "value"}
                value={h.value}
                onChange={(e) => editHeaders(headers.map((x) => (x.key === h.key ? { ...x, value: e.target.value } : x)))}
                aria-invalid={Boolean(fieldError(`headers.${i}.value`))}
                className="font-mono"
              />
              <Button variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => editHeaders(headers.filter((x) => x.key !== h.key))}>
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </div>
            {(fieldError(`headers.${i}.name`) || fieldError(`headers.${i}.value`) || fieldError(`headers.${i}`)) && (
              <p role="alert" className="text-xs text-red-700">
                {fieldError(`headers.${i}.name`) ?? fieldError(`headers.${i}.value`) ?? fieldError(`headers.${i}`)}
              </p>
            )}
          </div>
        ))}
        {fieldError("headers") && (
          <p role="alert" className="text-xs text-red-700">
            {fieldError("headers")}
          </p>
        )}
        <Button
          variant="secondary"
          size="sm"
          disabled={headers.length >= MAX_CUSTOM_HEADERS}
          onClick={() => editHeaders([...headers, { key: rowKey++, name: "", value: "" }])}
        >
          <Plus aria-hidden className="size-3.5" />
          {headers.length >= MAX_CUSTOM_HEADERS ? `Limit of ${MAX_CUSTOM_HEADERS} headers reached` : "Add header"}
        </Button>
      </fieldset>

      {error && (!(error instanceof ApiError) || error.errors.length === 0 || unmatched.length > 0) && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {unmatched.length > 0 ? unmatched.map((e) => `${e.path}: ${e.message}`).join("; ") : error.message}
        </p>
      )}

      <div className="flex flex-wrap justify-end gap-2 pt-2">
        <DialogClose>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" pending={pending}>
          {editing ? "Save changes" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}

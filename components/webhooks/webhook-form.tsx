"use client";
// The fields of Add Webhook and Edit: name, URL (Slack detected live), the events (adding: at least
// one), custom headers. The server validates too; every message, the browser's or the server's,
// appears next to its field. The actions stay in view at the bottom of the dialog however long the form.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { api, ApiError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { isSlackUrl } from "@/lib/outbound/slack";
import { CustomHeadersFields, headerRow, type HeaderRow } from "./custom-headers-fields";
import { EventPicker } from "./event-picker";
import type { OutboundWebhook } from "./types";

const NO_EVENTS = "Choose at least one event: a webhook without events is never called.";

export function WebhookForm({ projectId, webhook, onDone }: { projectId: string; webhook?: OutboundWebhook; onDone: (secret: string | null) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const editing = Boolean(webhook);
  const [name, setName] = useState(webhook?.name ?? "");
  // A Slack URL is a secret the server keeps encrypted; editing shows it empty and keeps it unless replaced.
  const [url, setUrl] = useState(webhook && webhook.kind === "generic" ? webhook.url : "");
  const [events, setEvents] = useState<Set<string>>(new Set());
  const [headers, setHeaders] = useState<HeaderRow[]>(() => (webhook?.custom_headers ?? []).map((h) => headerRow(h.name)));
  const [headersTouched, setHeadersTouched] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Take keyboard and screen-reader users to the first field that needs attention.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')?.focus();
  }, [error]);

  const save = useMutation({
    mutationFn: async (): Promise<string | null> => {
      const headerBody = headers.filter((h) => h.name.trim() || h.value).map((h) => ({ name: h.name.trim(), value: h.value }));
      if (webhook) {
        const body: Record<string, unknown> = { name };
        if (url.trim() && url !== webhook.url) body.url = url.trim();
        // On edit an empty value keeps the stored one (values are never sent back to the browser).
        if (headersTouched) body.headers = headerBody.map((h) => (h.value ? h : { name: h.name }));
        await api(`/projects/${projectId}/webhooks/outbound/${webhook.id}`, { method: "PATCH", body });
        toast({ tone: "success", title: "Webhook saved" });
        return null;
      }
      const res = await api<{ webhook: OutboundWebhook; secret: string | null }>(`/projects/${projectId}/webhooks/outbound`, {
        body: { name, url: url.trim(), events: [...events], headers: headerBody },
      });
      toast({ tone: "success", title: `Webhook "${res.webhook.name}" added` });
      return res.secret ?? null;
    },
    onSuccess: onDone,
    onError: (err) => setError(err instanceof ApiError ? err : new ApiError(0, String(err))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!editing && events.size === 0) {
      setError(new ApiError(422, NO_EVENTS, [{ path: "events", message: NO_EVENTS }]));
      return;
    }
    save.mutate();
  }

  const fieldError = (path: string) => error?.fieldError(path);
  const idp = webhook ? `edit-${webhook.id}` : "add-webhook";
  const slack = isSlackUrl(url.trim());
  const known = /^(name|url|events|headers)/;
  const formLevel = error && (error.errors.length === 0 ? error.message : error.errors.filter((e) => !known.test(e.path)).map((e) => e.message).join(" "));
  const toggle = (types: string[], on: boolean) =>
    setEvents((prev) => {
      const next = new Set(prev);
      types.forEach((t) => (on ? next.add(t) : next.delete(t)));
      return next;
    });

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${idp}-name`} label="Name" error={fieldError("name")}>
        <Input
          id={`${idp}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. CI notifications"
          aria-invalid={Boolean(fieldError("name"))}
          aria-describedby={fieldError("name") ? `${idp}-name-error` : undefined}
          autoComplete="off"
        />
      </Field>
      <Field
        id={`${idp}-url`}
        label="URL"
        error={fieldError("url")}
        hint={webhook?.kind === "slack" ? `Current: ${webhook.url}. Leave empty to keep it.` : "The HTTPS address that receives a POST for each event."}
      >
        <Input
          id={`${idp}-url`}
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.com/hooks/switchyard"
          aria-invalid={Boolean(fieldError("url"))}
          aria-describedby={fieldError("url") ? `${idp}-url-error` : `${idp}-url-hint`}
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
        <fieldset className="space-y-2" aria-describedby={fieldError("events") ? `${idp}-events-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <p className="text-xs text-slate-500">What this webhook is sent. You can change it later on the card.</p>
          {fieldError("events") && (
            <p id={`${idp}-events-error`} role="alert" className="text-xs text-red-700">
              {fieldError("events")}
            </p>
          )}
          <div data-invalid={Boolean(fieldError("events"))} tabIndex={-1} className="rounded-md data-[invalid=true]:ring-2 data-[invalid=true]:ring-red-500">
            <EventPicker
              idPrefix={idp}
              selected={events}
              onToggle={(type, on) => toggle([type], on)}
              onToggleGroup={(types, on) => toggle(types, on)}
            />
          </div>
        </fieldset>
      )}

      <CustomHeadersFields
        headers={headers}
        onChange={(next) => {
          setHeaders(next);
          setHeadersTouched(true);
        }}
        fieldError={(path) => fieldError(path)}
        storedNames={webhook?.custom_headers.map((h) => h.name)}
      />

      {formLevel && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formLevel}
        </p>
      )}

      {/* Sticky: the dialog body scrolls, its actions stay in view (the -bottom-5/pb-5 cover the dialog's padding). */}
      <div className="sticky -bottom-5 -mx-5 flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-white px-5 pt-3 pb-5">
        <DialogClose>
          <Button variant="secondary" disabled={save.isPending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" pending={save.isPending}>
          {editing ? "Save changes" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}

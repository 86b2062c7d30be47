"use client";
// Save-on-toggle: each checkbox is one PUT (subscribe) or DELETE (unsubscribe). The box moves at
// once; the server's answer either flashes a check-mark or puts the box back and says why.
import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { EventPicker, type EventStatus } from "./event-picker";
import type { OutboundWebhook } from "./types";

const FLASH_MS = 1500;

export function EventSubscriptions({ projectId, webhook }: { projectId: string; webhook: OutboundWebhook }) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState(() => new Set(webhook.events));
  const [status, setStatus] = useState<Record<string, EventStatus | undefined>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  // Follow the server when the list refetches, except for events with a save in flight.
  const serverEvents = webhook.events.join(",");
  useEffect(() => {
    setSelected((current) => {
      const next = new Set(webhook.events);
      for (const [type, s] of Object.entries(status)) {
        if (s?.state === "saving") {
          if (current.has(type)) next.add(type);
          else next.delete(type);
        }
      }
      return next;
    });
  }, [serverEvents]);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  function setOne(type: string, s: EventStatus | undefined) {
    setStatus((prev) => ({ ...prev, [type]: s }));
  }

  const flip = (type: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });
  // Options-level callbacks: they run for every toggle, also when several are in flight at once.
  const toggle = useMutation({
    mutationFn: ({ type, on }: { type: string; on: boolean }) =>
      api(`/projects/${projectId}/webhooks/outbound/${webhook.id}/events/${encodeURIComponent(type)}`, { method: on ? "PUT" : "DELETE" }),
    onMutate: ({ type, on }) => {
      flip(type, on);
      clearTimeout(timers.current.get(type));
      setOne(type, { state: "saving" });
    },
    onSuccess: (_res, { type }) => {
      setOne(type, { state: "saved" });
      timers.current.set(
        type,
        setTimeout(() => setOne(type, undefined), FLASH_MS),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
    },
    onError: (err, { type, on }) => {
      flip(type, !on);
      setOne(type, { state: "error", message: `Not saved: ${errorMessage(err)}` });
    },
  });
  const save = (type: string, on: boolean) => toggle.mutate({ type, on });

  return (
    <EventPicker
      idPrefix={`events-${webhook.id}`}
      selected={selected}
      status={status}
      onToggle={save}
      onToggleGroup={(types, on) => types.filter((t) => selected.has(t) !== on).forEach((t) => save(t, on))}
    />
  );
}

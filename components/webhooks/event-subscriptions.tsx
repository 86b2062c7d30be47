"use client";
// Save-on-toggle: each checkbox is one PUT (subscribe) or DELETE (unsubscribe). The box moves at
// once; the server's answer either flashes a check-mark or puts the box back and says why.
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
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

  async function save(type: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });
    clearTimeout(timers.current.get(type));
    setOne(type, { state: "saving" });
    try {
      await api(`/projects/${projectId}/webhooks/outbound/${webhook.id}/events/${encodeURIComponent(type)}`, { method: on ? "PUT" : "DELETE" });
      setOne(type, { state: "saved" });
      timers.current.set(
        type,
        setTimeout(() => setOne(type, undefined), FLASH_MS),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
    } catch (err) {
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.delete(type);
        else next.add(type);
        return next;
      });
      setOne(type, { state: "error", message: `Not saved: ${errorMessage(err)}` });
    }
  }

  return (
    <EventPicker
      idPrefix={`events-${webhook.id}`}
      selected={selected}
      status={status}
      onToggle={(type, on) => void save(type, on)}
      onToggleGroup={(types, on) => types.filter((t) => selected.has(t) !== on).forEach((t) => void save(t, on))}
    />
  );
}

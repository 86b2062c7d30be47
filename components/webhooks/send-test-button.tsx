"use client";
// Send Test: POSTs to the given endpoint, then polls the delivery until its attempt is recorded,
// so the toast reports what the receiver actually answered rather than "queued".
import { useState } from "react";
import { Send } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { DeliveryDetail } from "./types";

const POLL_INTERVAL_MS = 500;
const POLL_DEADLINE_MS = 30_000;

export function SendTestButton({
  projectId,
  endpoint,
  label = "Send Test",
  disabled,
}: {
  projectId: string;
  /** The API path to POST, e.g. /projects/{p}/webhooks/outbound/{w}/test. */
  endpoint: string;
  label?: string;
  disabled?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const queryClient = useQueryClient();

  async function send() {
    setPending(true);
    try {
      const res = await api<{ delivery?: { id: string }; deliveryId?: string }>(endpoint, { method: "POST" });
      const deliveryId = res?.delivery?.id ?? res?.deliveryId;
      const detail = deliveryId ? await waitForAttempt(projectId, deliveryId) : null;
      toast(describe(detail));
    } catch (err) {
      toast({ tone: "error", title: "Test not sent", description: errorMessage(err) });
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
      void queryClient.invalidateQueries({ queryKey: ["projects", projectId, "deliveries"] });
    }
  }

  return (
    <Button variant="secondary" size="sm" pending={pending} disabled={disabled} onClick={() => void send()}>
      {!pending && <Send aria-hidden className="size-3.5" />}
      {pending ? "Sending…" : label}
    </Button>
  );
}

/** The delivery once it has an attempt (outbound) or an outcome (inbound); null at the deadline. */
async function waitForAttempt(projectId: string, deliveryId: string): Promise<DeliveryDetail | null> {
  const deadline = Date.now() + POLL_DEADLINE_MS;
  while (Date.now() < deadline) {
    const { delivery } = await api<{ delivery: DeliveryDetail }>(`/projects/${projectId}/deliveries/${deliveryId}`);
    if (delivery.attemptList.length > 0 || (delivery.direction === "inbound" && delivery.outcome)) return delivery;
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  return null;
}

function describe(d: DeliveryDetail | null): { tone: "success" | "error" | "info"; title: string; description?: string } {
  if (!d) return { tone: "info", title: "Test queued", description: "No attempt was recorded within 30 seconds. Check the Deliveries tab." };
  if (d.direction === "inbound") {
    return d.outcome === "rejected"
      ? { tone: "error", title: "Test rejected", description: d.outcomeReason ?? undefined }
      : { tone: "success", title: "Test received", description: `Outcome: ${d.outcome}` };
  }
  const last = d.attemptList[d.attemptList.length - 1];
  const ok = last.statusCode !== null && last.statusCode >= 200 && last.statusCode < 300;
  const what = last.statusCode !== null ? `HTTP ${last.statusCode}` : (last.errorClass ?? "no response");
  return ok
    ? { tone: "success", title: "Test delivered", description: `The receiver answered ${what} in ${last.durationMs} ms.` }
    : {
        tone: "error",
        title: "Test failed",
        description: `${what}${last.errorMessage ? `: ${last.errorMessage}` : ""}. Check the receiver, then send again.`,
      };
}

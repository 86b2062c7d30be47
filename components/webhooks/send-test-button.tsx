"use client";
// Send Test: POSTs to the given endpoint, then polls the delivery until its attempt is recorded,
// so the toast reports what the receiver actually answered rather than "queued". A test is one
// attempt, never retried; too many in a minute are refused (429) and the toast says when to try again.
import { Send } from "lucide-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { attemptProblem } from "@/lib/webhooks/attempt-message";
import type { DeliveryDetail } from "./types";

// What an inbound Send Test's outcome means (the receipt pipeline records a sentinel test as "synthetic").
const INBOUND_TEST_RESULT: Record<string, string> = {
  synthetic: "The inbound webhook received the test event and recognised it as a test: nothing was changed.",
  applied: "The inbound webhook received the test event.",
};

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
  const toast = useToast();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: async () => {
      // Outbound answers { delivery }, inbound { delivery_id }: both name the delivery to watch.
      const res = await api<{ delivery?: { id: string }; delivery_id?: string }>(endpoint, { method: "POST" });
      const deliveryId = res?.delivery?.id ?? res?.delivery_id;
      return deliveryId ? waitForAttempt(projectId, deliveryId) : null;
    },
    onSuccess: (detail) => toast(describe(detail)),
    onError: (err) => toast({ tone: "error", title: "Test not sent", description: errorMessage(err) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(projectId) });
    },
  });
  const pending = send.isPending;

  return (
    <Button variant="secondary" size="sm" pending={pending} disabled={disabled} onClick={() => send.mutate()}>
      {!pending && <Send aria-hidden className="size-3.5" />}
      {pending ? "Sending…" : label}
    </Button>
  );
}

/** The delivery once it has an attempt (outbound) or an outcome (inbound); null at the deadline. */
async function waitForAttempt(projectId: string, deliveryId: string): Promise<DeliveryDetail | null> {
  const deadline = Date.now() + POLL_DEADLINE_MS;
  while (Date.now() < deadline) {
    const detail = await api<DeliveryDetail>(`/projects/${projectId}/deliveries/${deliveryId}`);
    if (detail.attempts.length > 0 || (detail.delivery.direction === "inbound" && detail.delivery.outcome)) return detail;
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  return null;
}

function describe(detail: DeliveryDetail | null): { tone: "success" | "error" | "info"; title: string; description?: string } {
  if (!detail) return { tone: "info", title: "Test queued", description: "No attempt was recorded within 30 seconds. Check the Deliveries tab." };
  const d = detail.delivery;
  if (d.direction === "inbound") {
    return d.outcome === "rejected"
      ? { tone: "error", title: "Test rejected", description: d.outcome_reason ?? undefined }
      : { tone: "success", title: "Test received", description: INBOUND_TEST_RESULT[d.outcome ?? ""] ?? "Switchyard received the test event." };
  }
  const last = detail.attempts[detail.attempts.length - 1];
  const ok = last.status_code !== null && last.status_code >= 200 && last.status_code < 300;
  return ok
    ? { tone: "success", title: "Test delivered", description: `The receiver answered ${last.status_line ?? `HTTP ${last.status_code}`} in ${last.duration_ms} ms.` }
    : {
        tone: "error",
        title: "Test failed",
        description: `${attemptProblem(last)} A test is not retried: check the receiver, then send again. The Deliveries tab has the details.`,
      };
}

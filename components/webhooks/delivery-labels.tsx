"use client";
// Small pieces every delivery view shows the same way: the outcome badge (with the next attempt of a
// retrying row) and the webhook a row belongs to (inbound rows by their tracker, which stays known
// after the inbound webhook is replaced).
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { PROVIDER_LABELS } from "@/components/integrations/providers";
import { deliveryBadge } from "@/lib/webhooks/delivery-badge";
import type { DeliveryRow } from "./types";

export function webhookLabel(d: Pick<DeliveryRow, "direction" | "webhook_name" | "inbound_provider">): string {
  if (d.direction === "inbound") return d.inbound_provider ? `${PROVIDER_LABELS[d.inbound_provider]} (inbound)` : "Inbound webhook";
  return d.webhook_name ?? "Deleted webhook";
}

export function DeliveryStatus({ delivery: d, showNext = true }: { delivery: DeliveryRow; showNext?: boolean }) {
  const badge = deliveryBadge(d);
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <Badge tone={badge.tone}>{badge.label}</Badge>
      {showNext && d.direction === "outbound" && d.status === "failed" && d.next_attempt_at && (
        <span className="text-xs text-slate-600">
          next <RelativeTime value={d.next_attempt_at} />
        </span>
      )}
    </span>
  );
}

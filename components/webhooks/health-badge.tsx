"use client";
// Healthy / Degraded / Disabled (or Paused by hand); hover or focus shows the latest outcome's time.
import { format, formatDistanceToNow } from "date-fns";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { healthView, type HealthInput } from "@/lib/webhooks/health-view";

const TONES: Record<ReturnType<typeof healthView>["tone"], BadgeTone> = { green: "green", amber: "amber", red: "red", slate: "neutral" };
const DOTS: Record<ReturnType<typeof healthView>["tone"], string> = {
  green: "bg-green-600",
  amber: "bg-amber-500",
  red: "bg-red-600",
  slate: "bg-slate-500",
};

export function HealthBadge({ webhook }: { webhook: HealthInput }) {
  const view = healthView(webhook);
  const failures = webhook.consecutive_failures ?? 0;
  const latest = view.latest
    ? `Last ${view.latest.kind} ${formatDistanceToNow(new Date(view.latest.at), { addSuffix: true })} (${format(new Date(view.latest.at), "PPpp")})`
    : "No delivery attempted yet";
  const tip = failures > 0 ? `${latest} · ${failures} consecutive failed ${failures === 1 ? "attempt" : "attempts"}` : latest;
  return (
    <Tooltip content={tip}>
      <span tabIndex={0} aria-label={`Health: ${view.label}. ${tip}`} data-testid="health-badge" className="rounded-full">
        <Badge tone={TONES[view.tone]}>
          <span aria-hidden className={`size-1.5 rounded-full ${DOTS[view.tone]}`} />
          {view.label}
        </Badge>
      </span>
    </Tooltip>
  );
}

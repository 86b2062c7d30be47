"use client";
// A webhook card's latest Send Test and its five newest deliveries, each linking to it in the
// Deliveries tab (filtered to this webhook), like GitHub's "Recent Deliveries".
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { deliveryBadge } from "@/lib/webhooks/delivery-badge";
import type { OutboundWebhook } from "./types";

type Recent = OutboundWebhook["recent_deliveries"][number];

export function WebhookRecentDeliveries({ projectId, webhook }: { projectId: string; webhook: OutboundWebhook }) {
  const list = `/projects/${projectId}/settings/webhooks/deliveries?webhook=${encodeURIComponent(webhook.id)}`;
  const href = (d: Recent) => `${list}&delivery=${encodeURIComponent(d.id)}`;
  const badge = (d: Recent) => deliveryBadge({ direction: "outbound", status: d.status, outcome: null, test: d.test });
  const test = webhook.last_test;
  return (
    <div className="space-y-2" data-testid="recent-deliveries">
      {test && (
        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="last-test">
          <span className="text-slate-500">Last test</span>
          <Badge tone={badge(test).tone}>{badge(test).label}</Badge>
          {test.last_status_code !== null && <span className="font-mono">HTTP {test.last_status_code}</span>}
          <RelativeTime value={test.created_at} />
          <Link href={href(test)} className="text-indigo-700 underline">
            Details
          </Link>
          <span className="text-slate-500">(tests do not change health)</span>
        </p>
      )}
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-xs font-semibold text-slate-700">Recent deliveries</h4>
        <Link href={list} className="text-xs text-indigo-700 underline">
          All deliveries of {webhook.name}
        </Link>
      </div>
      {webhook.recent_deliveries.length === 0 ? (
        <p className="text-xs text-slate-600">No deliveries yet. Press Send Test, or wait for a subscribed event.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {webhook.recent_deliveries.map((d) => (
            <li key={d.id}>
              <Link href={href(d)} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 text-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
                <Badge tone={badge(d).tone}>{badge(d).label}</Badge>
                <span className="font-mono text-slate-800">{d.event_type}</span>
                {d.test && <span className="text-slate-500">(test)</span>}
                <span className="ml-auto text-slate-600">
                  <RelativeTime value={d.created_at} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

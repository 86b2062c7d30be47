"use client";
// One delivery in a side drawer: what was sent (payload, headers with signatures redacted), every
// attempt and its answer, and where it sits in a replay chain. Outbound rows can be replayed;
// inbound receipts cannot, and the drawer says why.
import { useState } from "react";
import { Check, Copy, Info, RotateCcw } from "lucide-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Sheet } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { deliveryBadge } from "@/lib/webhooks/delivery-badge";
import type { DeliveryAttempt, DeliveryDetail, DeliveryRow } from "./types";

export function DeliveryDrawer({
  projectId,
  deliveryId,
  onOpen,
  onClose,
}: {
  projectId: string;
  deliveryId: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const detail = useQuery({
    queryKey: queryKeys.delivery(projectId, deliveryId ?? ""),
    queryFn: () => api<DeliveryDetail>(`/projects/${projectId}/deliveries/${deliveryId}`),
    enabled: Boolean(deliveryId),
  });
  return (
    <Sheet
      open={Boolean(deliveryId)}
      onOpenChange={(open) => !open && onClose()}
      title={detail.data ? detail.data.delivery.event_type : "Delivery"}
      description={deliveryId ?? undefined}
    >
      {detail.isPending ? (
        <div role="status" aria-label="Loading delivery" className="space-y-3">
          <Skeleton className="h-6 w-40" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : detail.isError ? (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>Could not load this delivery: {errorMessage(detail.error)}</p>
          <Button variant="secondary" size="sm" onClick={() => void detail.refetch()}>
            Retry
          </Button>
        </div>
      ) : (
        <DeliveryDetails projectId={projectId} detail={detail.data} onOpen={onOpen} />
      )}
    </Sheet>
  );
}

function DeliveryDetails({ projectId, detail, onOpen }: { projectId: string; detail: DeliveryDetail; onOpen: (id: string) => void }) {
  const d = detail.delivery;
  const badge = deliveryBadge(d);
  const replayedAs = detail.replay_chain.filter((c) => c.replay_of === d.id);
  const lastHeaders = detail.attempts.at(-1)?.request_headers;
  return (
    <div className="space-y-5 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
        <dt className="text-slate-500">Outcome</dt>
        <dd>
          <Badge tone={badge.tone}>{badge.label}</Badge>
          {d.last_status_code !== null && <span className="ml-2 font-mono text-xs">HTTP {d.last_status_code}</span>}
        </dd>
        <dt className="text-slate-500">Direction</dt>
        <dd className="capitalize">{d.direction}</dd>
        <dt className="text-slate-500">Webhook</dt>
        <dd className="min-w-0 break-words">{d.webhook_name ?? "—"}</dd>
        {detail.url && (
          <>
            <dt className="text-slate-500">URL</dt>
            <dd className="font-mono text-xs break-all">{detail.url}</dd>
          </>
        )}
        <dt className="text-slate-500">Created</dt>
        <dd>
          <RelativeTime value={d.created_at} />
        </dd>
        <dt className="text-slate-500">Attempts</dt>
        <dd>{d.attempts}</dd>
        {d.outcome_reason && (
          <>
            <dt className="text-slate-500">Reason</dt>
            <dd>{d.outcome_reason}</dd>
          </>
        )}
      </dl>

      <section aria-label="Replay chain" className="space-y-1">
        {d.replay_of && (
          <p>
            Replay of{" "}
            <ChainLink id={d.replay_of} onOpen={onOpen} />
          </p>
        )}
        {replayedAs.map((r) => (
          <p key={r.id}>
            Replayed as <ChainLink id={r.id} onOpen={onOpen} /> <span className="text-xs text-slate-500">({r.status})</span>
          </p>
        ))}
      </section>

      {d.direction === "outbound" ? (
        <ReplayButton projectId={projectId} delivery={d} onReplayed={onOpen} />
      ) : (
        <p className="flex gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
          Inbound receipts cannot be replayed: Switchyard keeps only a digest of the request, and the tracker&apos;s signed request cannot be
          fabricated. Ask the tracker to redeliver it instead.
        </p>
      )}

      <Section title="Payload" action={detail.payload != null ? <CopyButton text={JSON.stringify(detail.payload, null, 2)} label="Copy payload" /> : null}>
        {detail.payload != null ? (
          <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{JSON.stringify(detail.payload, null, 2)}</pre>
        ) : (
          <p className="text-slate-600">
            Not stored. Request digest: <code className="font-mono text-xs break-all">{detail.request_digest ?? "—"}</code>
          </p>
        )}
      </Section>

      {lastHeaders && (
        <Section title="Request headers">
          <HeadersTable headers={lastHeaders} />
        </Section>
      )}

      <Section title={`Attempts (${detail.attempts.length})`}>
        {detail.attempts.length === 0 ? (
          <p className="text-slate-600">{d.status === "paused" ? "Parked: sent when the webhook is resumed or re-enabled." : "Not attempted yet."}</p>
        ) : (
          <ol className="space-y-2">
            {[...detail.attempts].reverse().map((a) => (
              <AttemptItem key={a.n} attempt={a} />
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

function ChainLink({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  return (
    <button
      type="button"
      onClick={() => onOpen(id)}
      className="rounded font-mono text-xs text-indigo-700 underline hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {id}
    </button>
  );
}

function ReplayButton({ projectId, delivery, onReplayed }: { projectId: string; delivery: DeliveryRow; onReplayed: (id: string) => void }) {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  async function replay() {
    setPending(true);
    try {
      const res = await api<{ delivery: DeliveryRow }>(`/projects/${projectId}/deliveries/${delivery.id}/replay`, { method: "POST" });
      toast({ tone: "success", title: "Replay enqueued", description: `New delivery ${res.delivery.id}, same webhook-id.` });
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "deliveries"] });
      onReplayed(res.delivery.id);
    } catch (err) {
      toast({ tone: "error", title: "Replay failed", description: errorMessage(err) });
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button pending={pending} onClick={() => void replay()}>
        <RotateCcw aria-hidden className="size-4" />
        Replay
      </Button>
      <p className="text-xs text-slate-600">Sends the same event again as a new delivery; receivers can dedupe on its webhook-id.</p>
    </div>
  );
}

function AttemptItem({ attempt: a }: { attempt: DeliveryAttempt }) {
  const ok = a.status_code !== null && a.status_code >= 200 && a.status_code < 300;
  return (
    <li data-testid="delivery-attempt" className="rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">#{a.n}</span>
        <Badge tone={ok ? "green" : "red"}>{a.status_code !== null ? `HTTP ${a.status_code}` : (a.error_class ?? "error")}</Badge>
        <span className="text-xs text-slate-600">{a.duration_ms} ms</span>
        <span className="ml-auto text-xs text-slate-600">
          <RelativeTime value={a.started_at} />
        </span>
      </div>
      {a.error_message && <p className="mt-1 text-xs text-red-800">{a.error_message}</p>}
      {a.response_excerpt && (
        <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">
          {a.response_excerpt}
        </pre>
      )}
    </li>
  );
}

function HeadersTable({ headers }: { headers: Record<string, string> }) {
  return (
    <table className="w-full font-mono text-xs">
      <tbody>
        {Object.entries(headers).map(([name, value]) => (
          <tr key={name} className="border-b border-slate-100 last:border-0">
            <th scope="row" className="py-1 pr-3 text-left align-top font-normal text-slate-500">
              {name}
            </th>
            <td className="py-1 break-all text-slate-800">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ title, action, children }: { title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        })
      }
    >
      {copied ? <Check aria-hidden className="size-3.5 text-green-700" /> : <Copy aria-hidden className="size-3.5" />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </Button>
  );
}

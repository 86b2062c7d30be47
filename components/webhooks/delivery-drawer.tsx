"use client";
// One delivery in a side drawer, kept current while it is open and still changing: what was sent
// (the exact body, headers with signatures redacted), every attempt and its answer, when the next
// attempt is, where it sits in a replay chain, and what can be done with it. Inbound receipts show
// what Switchyard did with them instead: there are no attempts to show, and they cannot be re-sent.
import { Info } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Sheet } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { deliveryProblem } from "@/lib/webhooks/attempt-message";
import { DeliveryActions } from "./delivery-actions";
import { AttemptItem, HeadersTable } from "./delivery-attempts";
import { DeliveryBody } from "./delivery-body";
import { DeliveryStatus, webhookLabel } from "./delivery-labels";
import type { DeliveryDetail } from "./types";
import { LIVE_REFRESH_MS } from "./use-live-deliveries";

// Succeeded, dead and inbound rows no longer change on their own.
const settled = (d: DeliveryDetail["delivery"]) => d.direction === "inbound" || d.status === "succeeded" || d.status === "dead";

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
    refetchInterval: (q) => (q.state.data && settled(q.state.data.delivery) ? false : LIVE_REFRESH_MS),
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
  const inbound = d.direction === "inbound";
  const replayedAs = detail.replay_chain.filter((c) => c.replay_of === d.id);
  const last = detail.attempts.at(-1);
  const problem = deliveryProblem(d);
  // Slack: each attempt keeps the Block Kit message it sent; generic attempts all sent the event's body.
  const sentBody = last?.request_body ?? detail.body;
  return (
    <div className="space-y-5 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
        <dt className="text-slate-500">Outcome</dt>
        <dd data-testid="drawer-status">
          <DeliveryStatus delivery={d} showNext={false} />
        </dd>
        {problem && (
          <>
            <dt className="text-slate-500">Why</dt>
            <dd>{problem}</dd>
          </>
        )}
        {!inbound && d.status === "failed" && (
          <>
            <dt className="text-slate-500">Next attempt</dt>
            <dd data-testid="drawer-next-attempt">
              <RelativeTime value={d.next_attempt_at} />
            </dd>
          </>
        )}
        <dt className="text-slate-500">Webhook</dt>
        <dd className="min-w-0 break-words">{webhookLabel(d)}</dd>
        {detail.url && (
          <>
            <dt className="text-slate-500">URL</dt>
            <dd className="font-mono text-xs break-all">{detail.url}</dd>
          </>
        )}
        <dt className="text-slate-500">{inbound ? "Received" : "Created"}</dt>
        <dd>
          <RelativeTime value={d.created_at} />
        </dd>
        {inbound ? (
          <>
            <dt className="text-slate-500">Answered</dt>
            <dd>{d.last_status_code !== null ? `HTTP ${d.last_status_code}` : "—"}</dd>
            {detail.provider_delivery_id && (
              <>
                <dt className="text-slate-500">Tracker delivery id</dt>
                <dd className="font-mono text-xs break-all">{detail.provider_delivery_id}</dd>
              </>
            )}
          </>
        ) : (
          <>
            <dt className="text-slate-500">Attempts</dt>
            <dd>{d.attempts}</dd>
            <dt className="text-slate-500">webhook-id</dt>
            <dd className="font-mono text-xs break-all">{d.event_id}</dd>
          </>
        )}
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
            Replay of <ChainLink id={d.replay_of} onOpen={onOpen} />
          </p>
        )}
        {replayedAs.map((r) => (
          <p key={r.id}>
            Replayed as <ChainLink id={r.id} onOpen={onOpen} /> <span className="text-xs text-slate-500">({r.status})</span>
          </p>
        ))}
      </section>

      {inbound ? (
        <p className="flex gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
          Inbound receipts cannot be replayed: Switchyard keeps only a digest of the request, and the tracker&apos;s signed request cannot be
          fabricated. Ask the tracker to redeliver it instead.
        </p>
      ) : (
        <DeliveryActions projectId={projectId} delivery={d} onReplayed={onOpen} />
      )}

      <Section title={last?.request_body ? "Slack message sent" : "Payload"}>
        {sentBody != null ? (
          <DeliveryBody body={sentBody} label={last?.request_body ? "Slack message" : "payload"} />
        ) : inbound ? (
          <p className="text-slate-600">
            Not stored. Request digest: <code className="font-mono text-xs break-all">{detail.request_digest ?? "—"}</code>
          </p>
        ) : (
          <p className="text-slate-600">Sent as a Slack message: it appears here after the first attempt.</p>
        )}
      </Section>

      {last?.request_headers && (
        <Section title="Request headers (latest attempt)">
          <HeadersTable headers={last.request_headers} />
        </Section>
      )}

      {!inbound && (
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
      )}
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

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{title}</h3>
      {children}
    </section>
  );
}

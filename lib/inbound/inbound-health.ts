// How the inbound webhook is doing, as its card shows it: last received and last accepted, the last
// 24 h of receipts by outcome, the last rejection in plain words, and a notice when the tracker has
// gone quiet after earlier traffic or every recent receipt was refused (a rotated secret not yet
// pasted into the tracker looks exactly like a quiet week otherwise).
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { NotFound } from "@/lib/http/errors";
import type { InboundProvider } from "./providers";
import type { Outcome } from "./outcome";

/** This many refused receipts in a row, and nothing else, raise the "rejected" notice. */
export const REJECTED_STREAK = 5;
/** No accepted receipt for this long after earlier ones raises the "silent" notice. */
export const SILENT_AFTER_MS = 24 * 3600_000;

const TRACKER: Record<InboundProvider, string> = { github: "GitHub", jira: "Jira", azure_devops: "Azure DevOps" };

export type Receipt = { outcome: Outcome; status: number | null; reason: string | null; at: Date };
export type InboundStats = {
  provider: InboundProvider;
  lastReceivedAt: Date | null;
  lastAcceptedAt: Date | null;
  last24h: Partial<Record<Outcome, number>>;
  recent: Receipt[]; // newest first, at most REJECTED_STREAK
  lastRejection: Receipt | null;
};

export type InboundNotice = { kind: "rejected" | "silent"; message: string };

/** A refused receipt as the admin needs to read it: what went wrong and what usually fixes it. */
export function rejectionInWords(provider: InboundProvider, r: Pick<Receipt, "status" | "reason">): string {
  const tracker = TRACKER[provider];
  const detail = r.reason ? ` (${r.reason.slice(0, 200)})` : "";
  switch (r.status) {
    case 401:
      return provider === "azure_devops"
        ? "The Basic credentials did not match: the Service Hook sends a different username or password than this webhook's."
        : `The signature did not match: ${tracker} is probably still signing with an old secret. Paste the current secret into ${tracker}, or rotate and paste the new one.`;
    case 413:
      return "The body was larger than 5 MiB, so it was not read.";
    case 400:
      return `The payload could not be read${detail}.`;
    default:
      return `Switchyard could not take it${detail}; ${tracker} retries on its own schedule.`;
  }
}

/**
 * The silence rule, shared by the card's notice and the sweep that tells admins (./silence.ts): an
 * accepted receipt once, and none for SILENT_AFTER_MS since. A webhook that never had traffic is not silent.
 */
export function isSilent(lastAcceptedAt: Date | null, now: Date): boolean {
  return !!lastAcceptedAt && now.getTime() - lastAcceptedAt.getTime() >= SILENT_AFTER_MS;
}

/** What silence means and what to do about it, in plain words (the card's notice, the event's detail). */
export function silenceInWords(provider: InboundProvider): string {
  const tracker = TRACKER[provider];
  return `Nothing has been accepted from ${tracker} for over a day, after earlier deliveries. Check that the webhook is still enabled in ${tracker}; Sync now (Settings → Integrations) catches up on changes missed meanwhile.`;
}

/** The notice the card shows, if any: a streak of refusals outranks silence. */
export function inboundNotice(s: InboundStats, now: Date): InboundNotice | null {
  if (s.recent.length >= REJECTED_STREAK && s.recent.every((r) => r.outcome === "rejected")) {
    return { kind: "rejected", message: `The last ${REJECTED_STREAK} deliveries from ${TRACKER[s.provider]} were all refused. ${rejectionInWords(s.provider, s.recent[0])}` };
  }
  return isSilent(s.lastAcceptedAt, now) ? { kind: "silent", message: silenceInWords(s.provider) } : null;
}

export function presentInboundHealth(s: InboundStats, now: Date) {
  return {
    last_received_at: s.lastReceivedAt?.toISOString() ?? null,
    last_accepted_at: s.lastAcceptedAt?.toISOString() ?? null,
    last_24h: s.last24h,
    last_rejection: s.lastRejection
      ? { at: s.lastRejection.at.toISOString(), status: s.lastRejection.status, message: rejectionInWords(s.provider, s.lastRejection) }
      : null,
    notice: inboundNotice(s, now),
  };
}
export type InboundHealthJson = ReturnType<typeof presentInboundHealth>;

type Row = { outcome: Outcome; last_status_code: number | null; outcome_reason: string | null; created_at: Date };
const receipt = (r: Row): Receipt => ({ outcome: r.outcome, status: r.last_status_code, reason: r.outcome_reason, at: new Date(r.created_at) });

/**
 * The current inbound webhook's receipts, read newest-first along deliveries_project_inbound_idx:
 * each query stops at its first match or at the 24 h boundary. NotFound when there is no inbound webhook.
 */
export async function readInboundHealth(projectId: string) {
  const [webhook] = await db().execute<{ id: string; provider: InboundProvider }>(sql`select id, provider from inbound_webhooks where project_id = ${projectId}`);
  if (!webhook) throw new NotFound("This project has no inbound webhook.");
  const mine = sql`project_id = ${projectId} and direction = 'inbound' and inbound_webhook_id = ${webhook.id}`;
  const newest = (filter: ReturnType<typeof sql>, limit: number) => db().execute<Row>(sql`
    select outcome, last_status_code, outcome_reason, created_at from deliveries
    where ${mine} and ${filter} order by created_at desc nulls last, id desc nulls last limit ${limit}`);
  const [recent, accepted, rejected, counts] = await Promise.all([
    newest(sql`true`, REJECTED_STREAK),
    newest(sql`outcome <> 'rejected'`, 1),
    newest(sql`outcome = 'rejected'`, 1),
    db().execute<{ outcome: Outcome; n: number }>(sql`
      select outcome, count(*)::int as n from deliveries where ${mine} and created_at > now() - interval '24 hours' group by outcome`),
  ]);
  const stats: InboundStats = {
    provider: webhook.provider,
    lastReceivedAt: recent[0] ? new Date(recent[0].created_at) : null,
    lastAcceptedAt: accepted[0] ? new Date(accepted[0].created_at) : null,
    last24h: Object.fromEntries(counts.map((c) => [c.outcome, c.n])),
    recent: recent.map(receipt),
    lastRejection: rejected[0] ? receipt(rejected[0]) : null,
  };
  return presentInboundHealth(stats, new Date());
}

// When an inbound webhook starts failing: REJECTED_STREAK rejections in a row (a rotated secret the
// tracker does not know yet, a changed payload; the card's notice, ./inbound-health.ts) emit
// `inbound.failing` once per streak and tell the project's admins, in the transaction that records
// the rejection that completes the streak. Silence is reported by a sweep (./silence.ts).
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { EventData } from "@/lib/events/catalog";
import { emitOperational, webhookSettingsUrl } from "@/lib/events/operational";
import { REJECTED_STREAK, rejectionInWords } from "./inbound-health";
import type { ReceivingWebhook } from "./inbound-webhooks";

/** True when the newest receipts (newest first) are exactly REJECTED_STREAK rejections after something else or nothing. */
export function completesFailingStreak(outcomes: readonly string[]): boolean {
  const streak = outcomes.slice(0, REJECTED_STREAK);
  return streak.length === REJECTED_STREAK && streak.every((o) => o === "rejected") && outcomes[REJECTED_STREAK] !== "rejected";
}

/** Called after a rejected receipt is recorded in `tx`. */
export async function noteRejection(tx: Tx, webhook: ReceivingWebhook, rejection: { status: number; reason: string | null }): Promise<void> {
  // The project's receipts newest first (deliveries_project_inbound_idx): this webhook's last few.
  const [row] = await tx.execute<{ name: string; outcomes: string[] }>(sql`
    select p.name, array(
      select d.outcome from deliveries d
      where d.project_id = p.id and d.direction = 'inbound' and d.inbound_webhook_id = ${webhook.id}
      order by d.created_at desc nulls last, d.id desc nulls last limit ${REJECTED_STREAK + 1}) as outcomes
    from projects p where p.id = ${webhook.projectId}`);
  if (!row || !completesFailingStreak(row.outcomes)) return;
  await emitInboundFailing(tx, webhook, row.name, "consecutive_rejections", `the last ${REJECTED_STREAK} receipts were refused. ${rejectionInWords(webhook.provider, rejection)}`);
}

/** `inbound.failing` about the webhook, in `tx`: to the project's other subscribed webhooks, and a notice for its admins. */
export async function emitInboundFailing(
  tx: Tx,
  webhook: Pick<ReceivingWebhook, "id" | "projectId" | "provider">,
  projectName: string,
  reason: EventData<"inbound.failing">["reason"],
  detail: string,
): Promise<void> {
  await emitOperational(tx, [
    {
      project: { id: webhook.projectId, name: projectName },
      type: "inbound.failing",
      data: { inbound_webhook: { id: webhook.id, provider: webhook.provider, url_settings: webhookSettingsUrl(webhook.projectId) }, reason, detail },
    },
  ]);
}

// Rotation deadlines, enforced by each drain cycle: a retiring secret whose deadline passed stops
// existing (signing already ignores it once past; this removes it and audits the removal).
import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { outboundWebhooks, webhookSecrets } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";

/** Drops retiring secrets whose deadline passed; run by each drain cycle. */
export async function enforceRetireDeadlines(exec: Executor = db()): Promise<number> {
  const gone = await exec
    .delete(webhookSecrets)
    .where(and(eq(webhookSecrets.state, "retiring"), lte(webhookSecrets.retireAt, sql`now()`)))
    .returning({ id: webhookSecrets.id, webhookId: webhookSecrets.webhookId });
  if (gone.length) {
    const owners = await exec
      .select({ id: outboundWebhooks.id, projectId: outboundWebhooks.projectId })
      .from(outboundWebhooks)
      .where(inArray(outboundWebhooks.id, gone.map((g) => g.webhookId)));
    await writeAudit(
      exec,
      gone.map((g) => ({
        projectId: owners.find((o) => o.id === g.webhookId)!.projectId,
        actorId: null,
        action: "outbound_webhook.secret_retired",
        targetId: g.webhookId,
        details: { secret_id: g.id, reason: "rotation deadline passed" },
      })),
    );
  }
  return gone.length;
}

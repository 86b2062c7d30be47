// Live updates: a row in live_events (so SSE can replay after Last-Event-ID) and a NOTIFY that
// every server process's LISTEN connection fans out to its open streams. Both commit with the write.
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { liveEvents } from "@/db/schema";

export const LIVE_CHANNEL = "switchyard_live";

export async function publishLive(tx: Tx, projectId: string, kind: string, payload: unknown): Promise<void> {
  const [row] = await tx.insert(liveEvents).values({ projectId, kind, payload }).returning({ id: liveEvents.id });
  // The notification carries only ids; listeners read the row (NOTIFY payloads are capped at 8 KB).
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ id: row.id, projectId })})`);
}

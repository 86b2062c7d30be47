// Live updates: a row in live_events (so SSE can replay after Last-Event-ID) and a NOTIFY that
// every server process's LISTEN connection fans out to its open streams. Both commit with the write.
// emit() runs both inside the event's own statement (one round trip per domain write).
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { livePayload } from "./live-rules";

export const LIVE_CHANNEL = "switchyard_live";

/** The live_events insert, as the body of a data-modifying CTE; returns the row's id and project_id. */
export function insertLiveEvent(projectId: string, kind: string, payload: unknown): SQL {
  return sql`insert into live_events (project_id, kind, payload) values (${projectId}, ${kind}, ${JSON.stringify(livePayload(kind, payload))}::jsonb)
             returning id, project_id`;
}

/**
 * A select expression that notifies listeners of the row in CTE `cte` (an insertLiveEvent).
 * The notification carries only ids; listeners read the row (NOTIFY payloads are capped at 8 KB).
 */
export function notifyLive(cte: string): SQL {
  return sql`(select pg_notify(${LIVE_CHANNEL}, json_build_object('id', id, 'projectId', project_id)::text) from ${sql.identifier(cte)})`;
}

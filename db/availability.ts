// Whether this process knows PostgreSQL to be unreachable right now (a failed probe, db/guarded-sql.ts),
// read from the process-wide pool without importing it: proxy.ts asks before any page renders, so a
// page answers 503 at once instead of rendering an error.
import type { Availability } from "./guarded-sql";

/** Seconds a client should wait before retrying while the database is unreachable (the pool reconnects within 1 s). */
export const RETRY_AFTER_SECONDS = 5;

const g = globalThis as unknown as { switchyardSql?: { availability(): Availability } };

export function databaseAvailability(): Availability {
  return g.switchyardSql?.availability() ?? { reachable: true, since: null, reason: null };
}

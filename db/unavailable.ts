// What a database error means for the caller, without I/O: is the connection gone (never use it
// again), or is the database unavailable (answer 503 and retry later)? postgres.js reports a lost
// connection with its own codes (CONNECTION_CLOSED…) or the socket's (ECONNRESET…); PostgreSQL with
// SQLSTATE class 08 or 57P01–57P03 when it shuts down or starts up. drizzle wraps driver errors in a
// DrizzleQueryError whose `cause` is the driver's error, so the chain of causes is walked.

/** Thrown by db/client.ts while PostgreSQL is known to be unreachable, instead of queueing the query. */
export class DatabaseUnavailable extends Error {
  constructor(message = "The database is unreachable.", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailable";
  }
}

const LOST_CODES = new Set([
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // the socket
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENOENT", // the Unix-domain socket file is gone: the server stopped
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up / shutting down)
  "57P01",
  "57P02",
  "57P03",
]);

// Not a lost connection, but PostgreSQL cannot serve us now: too many connections, statement_timeout,
// out of disk or memory. Our own failure for the client: 503, not 500.
const BUSY_CODES = new Set(["53000", "53100", "53200", "53300", "57014"]);

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

function chainHas(err: unknown, test: (e: object) => boolean): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (test(e)) return true;
  return false;
}

/** The connection this error came from is unusable: send nothing more on it, never hand it back. */
export function isConnectionLost(err: unknown): boolean {
  return codesOf(err).some((c) => LOST_CODES.has(c) || c.startsWith("08"));
}

/** The request cannot be served because of the database, not because of the request: 503 + Retry-After. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return chainHas(err, (e) => e instanceof DatabaseUnavailable) || isConnectionLost(err) || codesOf(err).some((c) => BUSY_CODES.has(c));
}

/** The first line of an error's message, for one log line. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
  return message.split("\n")[0];
}

export const MAX_RECONNECT_DELAY_S = 1;

/**
 * postgres.js's delay before the next connection attempt, in seconds, after `retries` failed ones in a
 * row. Its default grows to 20 s, so an app came back 16–21 s after PostgreSQL did; this one doubles
 * from 50 ms and stays at or under 1 s, jittered so a pool's connections do not reconnect in lockstep.
 */
export function reconnectDelaySeconds(retries: number, random = Math.random()): number {
  return Math.min(MAX_RECONNECT_DELAY_S, 0.05 * 2 ** Math.max(0, retries)) * (0.5 + random / 2);
}

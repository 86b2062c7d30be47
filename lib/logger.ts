// The one logger (pino): JSON lines in production, readable lines in development, LOG_LEVEL.
// Redaction is configured here, once: no secret, credential, cookie or Slack URL reaches a log line
// through these paths, whatever a caller passes. Messages are plain text written by us: never
// interpolate a secret into one (ids are fine: they are prefixed and meaningless on their own).
import { createRequire } from "node:module";
import pino, { type Logger } from "pino";
import { logLevel } from "@/lib/env";

const SECRET_KEYS = [
  "secret",
  "secrets",
  "password",
  "token",
  "api_token",
  "authorization",
  "cookie",
  "set-cookie",
  // Slack incoming-webhook URLs are credentials; generic URLs may carry tokens in their query.
  "url",
  "slack_url",
  // Custom header values may carry credentials; Basic credentials of Azure DevOps.
  "headers",
  "custom_headers",
  "basic",
  "username",
  "credentials",
];

export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[a-z_]+$/.test(k) ? k : `["${k}"]`;
  return [key, `*.${key}`.replace(".[", "["), `*.*.${key}`.replace(".[", "[")];
});

function destination(): pino.DestinationStream {
  if (process.env.NODE_ENV === "production" || process.env.LOG_FORMAT === "json") return pino.destination(1);
  try {
    // Synchronous pretty stream, not a transport: transports need a worker thread that bundlers break.
    const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => pino.DestinationStream;
    return pretty({ sync: true, colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return pino.destination(1); // pino-pretty is a dev dependency; without it, JSON.
  }
}

/**
 * Errors as log fields without the data they may carry: drizzle wraps a postgres.js error in one whose
 * message lists the statement and its bound values (user data, emails, ciphertext), and postgres.js
 * keeps them on the error as `query`/`parameters`. So: the innermost cause's name, message and SQLSTATE
 * code, and the outer error's stack frames only.
 */
export function safeError(err: unknown): { type: string; message?: string; code?: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err };
  let root: Error = err;
  while (root.cause instanceof Error) root = root.cause;
  const code = (root as { code?: unknown }).code;
  const stack = err.stack?.split("\n").filter((line) => line.trimStart().startsWith("at ")).join("\n");
  return { type: root.name, message: root.message, ...(typeof code === "string" ? { code } : {}), stack };
}

const g = globalThis as unknown as { switchyardLogStreams?: pino.MultiStreamRes };
// One set of streams per process, even when bundlers load this module more than once.
const streams = (g.switchyardLogStreams ??= pino.multistream([{ level: "trace", stream: destination() }]));

export const logger: Logger = pino(
  {
    level: logLevel(),
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: safeError },
  },
  streams,
);

/** Sends every line also to `stream` (a test reads a whole scenario's log through it). */
export function teeLogs(stream: pino.DestinationStream): void {
  streams.add({ level: "trace", stream });
}

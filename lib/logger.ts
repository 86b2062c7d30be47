// The one logger (pino): JSON lines in production, readable lines in development, LOG_LEVEL.
// Redaction is configured here, once: no secret, credential, cookie or Slack URL reaches a log line
// through these paths, whatever a caller passes.
import { createRequire } from "node:module";
import pino, { type Logger } from "pino";
import { logLevel } from "@/lib/env";

export const REDACT_PATHS = [
  "secret",
  "*.secret",
  "password",
  "*.password",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
  "url",
  "*.url",
  "custom_headers",
  "*.custom_headers",
];

function destination(): pino.DestinationStream | undefined {
  if (process.env.NODE_ENV === "production" || process.env.LOG_FORMAT === "json") return undefined;
  try {
    // Synchronous pretty stream, not a transport: transports need a worker thread that bundlers break.
    const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => pino.DestinationStream;
    return pretty({ sync: true, colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined; // pino-pretty is a dev dependency; without it, JSON.
  }
}

export const logger: Logger = pino(
  {
    level: logLevel(),
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  },
  destination(),
);

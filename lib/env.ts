// One zod schema for the environment (DESIGN section 7). A bad value stops start-up
// with a message naming the variable; nothing else in the code reads process.env.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const KEY_PAIR = /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+$/;
const encryptionKeys = z.string().check((ctx) => {
  const pairs = ctx.value.split(",");
  if (!pairs.every((p) => KEY_PAIR.test(p))) {
    ctx.issues.push({ code: "custom", input: ctx.value, message: "expected kid:base64key[,kid:base64key…]" });
  } else if (!pairs.every((p) => Buffer.from(p.split(":")[1], "base64").length === 32)) {
    ctx.issues.push({ code: "custom", input: ctx.value, message: "every key must be 32 bytes, base64-encoded" });
  }
});

export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  ENCRYPTION_KEYS: encryptionKeys,
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  APP_URL: z.url("expected an absolute URL such as http://localhost:3000").default("http://localhost:3000"),
  WEBHOOKS_ALLOW_HTTP: flag,
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: flag,
  SEED_DEMO: flag,
  OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
  // Open live-update streams one user may hold per server process (each browser tab holds one).
  SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(10),
  LOG_LEVEL: logLevelSchema,
  // Outbound webhooks one project may hold (each is a fan-out target of every event it subscribes to).
  MAX_WEBHOOKS_PER_PROJECT: z.coerce.number().int().min(1).max(10_000).default(25),
  // Finished deliveries, their attempts, unreferenced events and inbound receipts older than this are pruned (lib/retention).
  RETENTION_DAYS: z.coerce.number().int().min(1, "keep at least 1 day").max(3650).default(30),
  // Bearer token for GET /api/metrics; unset, the endpoint answers 404 (no metrics are exposed).
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Minutes between periodic tracker syncs of each integration with an API credential; 0 turns them off.
  TRACKER_SYNC_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
});

export type Env = z.infer<typeof envSchema>;

export function formatEnvError(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${formatEnvError(result.error)}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** LOG_LEVEL alone: the logger starts before the rest of the environment is complete (the launcher). */
export function logLevel(): z.infer<typeof logLevelSchema> {
  const result = logLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
  if (!result.success) throw new Error(`Invalid configuration:\n${formatEnvError(result.error)}`.replace("(env)", "LOG_LEVEL"));
  return result.data;
}

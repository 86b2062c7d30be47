// Fixed, clearly fake configuration for test processes (and test servers they start).
export const TEST_ENV = {
  NODE_ENV: "test",
  AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
  ENCRYPTION_KEYS: `test1:${Buffer.alloc(32, 7).toString("base64")}`,
  CRON_SECRET: "test-cron-secret-0123456789",
  APP_URL: "http://localhost:3000",
  OUTBOX_WORKER: "off",
  // Request lines of every test would bury the failures; tests that read the log raise the level.
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
} as const;

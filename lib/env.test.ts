import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db",
  AUTH_SECRET: "x".repeat(32),
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
};

describe("environment schema", () => {
  it("accepts a minimal valid configuration and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.WEBHOOKS_ALLOW_HTTP).toBe(false);
    expect(env.OUTBOX_WORKER).toBe("on");
  });

  it.each([
    ["DATABASE_URL", "mysql://nope", "DATABASE_URL: expected a postgres:// URL"],
    ["AUTH_SECRET", "short", "AUTH_SECRET: must be at least 32 characters"],
    ["ENCRYPTION_KEYS", "k1:c2hvcnQ=", "ENCRYPTION_KEYS: every key must be 32 bytes"],
    ["ENCRYPTION_KEYS", "no-colon", "ENCRYPTION_KEYS: expected kid:base64key"],
    ["WEBHOOKS_ALLOW_HTTP", "yes", "WEBHOOKS_ALLOW_HTTP"],
    ["APP_URL", "not a url", "APP_URL: expected an absolute URL"],
  ])("a bad %s stops start-up with a message naming it", (name, value, message) => {
    expect(() => parseEnv({ ...valid, [name]: value })).toThrow(message);
  });

  it("names a missing required variable", () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET/);
  });
});

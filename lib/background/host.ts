// The server side of the background process (lib/background/child.ts): one child per instance, forked
// at start by lib/bootstrap.ts, runs the outbox worker and the retention and tracker sync loops out of
// the Next.js request process. Supervised: a child that exits unexpectedly is started again after a
// short backoff, with one log line. The host registers itself as this process's outbox worker, so
// readiness and metrics read the child's last reported status; stop() sends SIGTERM and waits, bounded,
// for the child to finish its sends in flight and hand back its leases.
import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { logger } from "@/lib/logger";
import { DEFAULT_STALL_MS, registerOutboxWorker, type OutboxWorker, type WorkerStatus } from "@/lib/outbound/engine/worker";
import { fromStatusMessage } from "./status";

const ENTRY = path.join("lib", "background", "child.ts");
/** The child runs from source, as the CLI does: tsx resolves the `@/` paths (and the bundler leaves the path alone). */
const EXEC_ARGV = ["--conditions=react-server", "--import", "tsx"];
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;
/** A child that ran this long before exiting was healthy: the next restart starts from the first backoff. */
const HEALTHY_RUN_MS = 30_000;
/** The worker's stop grace (10 s) plus recording and handing back leases; then the child is killed. */
const STOP_TIMEOUT_MS = 20_000;

export type BackgroundHost = OutboxWorker & {
  /** The pid of the running child, if one runs (tests kill it). */
  pid(): number | undefined;
  /** How the last child exited (code 0 after a clean stop), or null while the first one runs. */
  lastExit(): { code: number | null; signal: NodeJS.Signals | null } | null;
};

export function startBackgroundHost(): BackgroundHost {
  const startedAt = new Date();
  let last: WorkerStatus = { running: true, startedAt, lastProgressAt: startedAt, lastClaimAt: null, restarts: 0, stallMs: DEFAULT_STALL_MS };
  let respawns = 0; // children started again, plus the cycle restarts of children that have exited
  let child: ChildProcess | null = null;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  const spawnChild = () => {
    const spawnedAt = Date.now();
    const c = fork(path.join(/* turbopackIgnore: true */ process.cwd(), ENTRY), [], { execArgv: EXEC_ARGV, env: process.env });
    child = c;
    c.on("message", (m) => {
      const status = fromStatusMessage(m);
      if (status) last = status;
    });
    c.on("exit", (code, signal) => {
      if (child === c) child = null;
      lastExit = { code, signal };
      respawns += last.restarts;
      last = { ...last, restarts: 0 };
      if (stopping) return;
      failures = Date.now() - spawnedAt > HEALTHY_RUN_MS ? 0 : failures + 1;
      const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
      respawns++;
      logger.error({ code, signal, restart_in_ms: delay }, "background worker process exited; starting it again");
      restartTimer = setTimeout(spawnChild, delay);
      restartTimer.unref();
    });
  };
  spawnChild();

  const host: BackgroundHost = {
    pid: () => child?.pid,
    lastExit: () => lastExit,
    status: () => ({ ...last, restarts: last.restarts + respawns }),
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((resolve) => c.once("exit", resolve));
        c.kill("SIGTERM");
        const kill = setTimeout(() => {
          logger.warn("background worker process did not stop in time; killed (its leases end on their own)");
          c.kill("SIGKILL");
        }, STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(kill);
      }
      last = { ...last, running: false };
    },
  };
  registerOutboxWorker(host);
  return host;
}

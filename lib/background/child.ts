// The background process of one instance (forked by lib/background/host.ts): the outbox worker, the
// retention loop and the tracker sync loop, out of the Next.js request process so that rendering and
// API requests do not share an event loop with the drain. Reports the worker's status to the parent
// every second; on SIGTERM (or SIGINT, or the parent gone) it stops the worker gracefully — stop
// claiming, finish sends in flight, hand back the leases of the rest — closes its pool and exits 0.
// Run by the host as: node --conditions=react-server --import tsx lib/background/child.ts
import { sqlClient } from "@/db/client";
import { runTrackerSyncLoopUntilShutdown } from "@/lib/inbound/sync-loop";
import { logger } from "@/lib/logger";
import { startOutboxWorker } from "@/lib/outbound/engine/worker";
import { startRetentionLoop } from "@/lib/retention/loop";
import { toStatusMessage } from "./status";

const worker = startOutboxWorker();
startRetentionLoop();
runTrackerSyncLoopUntilShutdown();

const report = () => process.connected && process.send?.(toStatusMessage(worker.status()));
const reporting = setInterval(report, 1_000);
report();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(reporting);
  await worker.stop().catch((err) => logger.error({ err }, "outbox worker did not stop cleanly"));
  report();
  await sqlClient()
    .end({ timeout: 2 })
    .catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop); // Ctrl-C reaches the whole process group: stop as on SIGTERM
process.on("disconnect", stop); // the server process is gone (even SIGKILLed): do not run on alone

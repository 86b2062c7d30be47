// A drain in its own process, for the crash and concurrency tests (not a test file itself).
// Run: tsx --conditions=react-server tests/integration/outbound-drain-child.ts <leaseMs> <mode>
//   mode "forever": drains until killed, printing "claimed <n>" after each non-empty claim.
//   mode "once": prints "ready", waits for a line on stdin, drains until idle, prints its counts as JSON.
//   mode "worker": the in-process worker, stopped on SIGTERM as the server does (grace 500 ms); prints
//     "stopped" once it has.
import { createInterface } from "node:readline";
import { drainOutbox } from "@/lib/outbound/engine/drain";
import { startOutboxWorker } from "@/lib/outbound/engine/worker";

const leaseMs = Number(process.argv[2] ?? 60_000);
const mode = process.argv[3] ?? "once";
const onClaim = (c: unknown[]) => c.length && process.stdout.write(`claimed ${c.length}\n`);

if (mode === "worker") {
  const worker = startOutboxWorker({ stopGraceMs: 500, drainOptions: { leaseMs, pollMs: 50 } });
  await new Promise((resolve) => process.once("SIGTERM", resolve));
  await worker.stop();
  process.stdout.write("stopped\n");
} else if (mode === "forever") {
  await drainOutbox({ leaseMs, timeBoxMs: 120_000, pollMs: 50, onClaim });
} else {
  process.stdout.write("ready\n");
  await new Promise((resolve) => createInterface({ input: process.stdin }).once("line", resolve));
  const counts = await drainOutbox({ leaseMs, timeBoxMs: 60_000, untilIdle: true });
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
process.exit(0);

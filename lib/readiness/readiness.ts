// Readiness (GET /api/readyz): may this instance take traffic? Its migrations are all applied (the
// journal in db/migrations against drizzle's __drizzle_migrations), its outbox worker is turning (when
// it runs one: OUTBOX_WORKER=on; the worker's own status and stall limit), and the outbox is not lagging. Each check says why when it fails.
// Liveness is /api/healthz's job.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sqlClient } from "@/db/client";
import { env } from "@/lib/env";
import { outboxLagSeconds } from "@/lib/metrics/outbox";
import { outboxWorkerStatus, type WorkerStatus } from "@/lib/outbound/engine/worker";

/** The oldest due delivery may wait this long before the instance reports itself not ready. */
export const MAX_READY_LAG_SECONDS = 300;
const CHECK_TIMEOUT_MS = 2_000;

export type Check = { ok: boolean; detail: string };
export type Readiness = { ok: boolean; checks: { migrations: Check; worker: Check; lag: Check } };

type JournalEntry = { when: number; tag: string };
let journal: JournalEntry[] | undefined;
function journalEntries(): JournalEntry[] {
  journal ??= (JSON.parse(readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
  return journal;
}

/** Pure: which journal entries the database has not applied (drizzle records each by its `when`). */
export function pendingMigrations(entries: readonly JournalEntry[], applied: readonly number[]): string[] {
  const done = new Set(applied);
  return entries.filter((e) => !done.has(e.when)).map((e) => e.tag);
}

/** Pure: the worker check from OUTBOX_WORKER and the worker's status (lib/outbound/engine/worker.ts) at `now`. */
export function workerCheck(mode: "on" | "off", status: Pick<WorkerStatus, "running" | "lastProgressAt" | "stallMs"> | null, now: Date): Check {
  if (mode === "off") return { ok: true, detail: "OUTBOX_WORKER=off: this instance runs no worker (the cron route or other instances drain)." };
  if (!status) return { ok: false, detail: "The outbox worker has not started." };
  if (!status.running) return { ok: false, detail: "The outbox worker has stopped (shutting down)." };
  const silentMs = now.getTime() - status.lastProgressAt.getTime();
  // Past its stall limit the worker abandons the cycle and starts another; until then it is not ready.
  if (silentMs > status.stallMs) return { ok: false, detail: `The outbox worker's loop has not turned for ${Math.round(silentMs / 1000)} s.` };
  return { ok: true, detail: "The outbox worker is running." };
}

export function lagCheck(seconds: number): Check {
  const s = Math.round(seconds);
  return seconds > MAX_READY_LAG_SECONDS
    ? { ok: false, detail: `The oldest due delivery has waited ${s} s (more than ${MAX_READY_LAG_SECONDS} s).` }
    : { ok: true, detail: `The oldest due delivery has waited ${s} s.` };
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref())]);
}

const failed = (err: unknown): Check => ({ ok: false, detail: `The database cannot be asked: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` });

export async function readiness(): Promise<Readiness> {
  const [migrations, lag] = await Promise.all([
    withTimeout(sqlClient()<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations`, "PostgreSQL").then(
      (rows): Check => {
        const pending = pendingMigrations(journalEntries(), rows.map((r) => Number(r.created_at)));
        return pending.length ? { ok: false, detail: `Migrations not applied: ${pending.join(", ")}.` } : { ok: true, detail: `All ${journalEntries().length} migrations applied.` };
      },
      failed,
    ),
    withTimeout(outboxLagSeconds(), "PostgreSQL").then(lagCheck, failed),
  ]);
  const worker = workerCheck(env().OUTBOX_WORKER, outboxWorkerStatus(), new Date());
  return { ok: migrations.ok && worker.ok && lag.ok, checks: { migrations, worker, lag } };
}

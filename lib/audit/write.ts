// Audit rows for webhook changes and health transitions: ids and reasons only, never secrets or URLs.
import "server-only";
import type { Executor } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditEntry = { projectId: string; actorId: string | null; action: string; targetId: string; details?: Record<string, unknown> };

export async function writeAudit(exec: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length) await exec.insert(auditLog).values(rows.map((e) => ({ ...e, details: e.details ?? {} })));
}

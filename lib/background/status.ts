// The worker's status as it crosses the IPC channel between the background process and the server
// (JSON: dates as ISO strings). Pure.
import type { WorkerStatus } from "@/lib/outbound/engine/worker";

export type StatusMessage = {
  type: "status";
  status: Omit<WorkerStatus, "startedAt" | "lastProgressAt" | "lastClaimAt"> & { startedAt: string; lastProgressAt: string; lastClaimAt: string | null };
};

export function toStatusMessage(s: WorkerStatus): StatusMessage {
  return {
    type: "status",
    status: { ...s, startedAt: s.startedAt.toISOString(), lastProgressAt: s.lastProgressAt.toISOString(), lastClaimAt: s.lastClaimAt?.toISOString() ?? null },
  };
}

/** The status in a message from the background process, or null when the message is something else. */
export function fromStatusMessage(m: unknown): WorkerStatus | null {
  const s = (m as Partial<StatusMessage> | null)?.type === "status" ? (m as StatusMessage).status : null;
  if (!s) return null;
  return { ...s, startedAt: new Date(s.startedAt), lastProgressAt: new Date(s.lastProgressAt), lastClaimAt: s.lastClaimAt ? new Date(s.lastClaimAt) : null };
}

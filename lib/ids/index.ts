import { randomBytes } from "node:crypto";

// Prefixed ids say what they are in a log line or a support ticket (prj_, wh_, evt_, dlv_ …).
// A base36 millisecond timestamp first, so ids sort roughly by creation; then 64 random bits.
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex")}`;
}

/** Longest id (or other path segment, such as an event type) accepted from a client; ours are ~30. */
export const MAX_ID_LENGTH = 100;

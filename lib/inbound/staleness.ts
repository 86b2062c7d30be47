// Trackers may deliver out of order (retries, parallel senders): an event older than what we
// already applied must not roll an issue back. ADO carries a revision number, the others a time.
export type Version = { updatedAt: Date | null; rev: number | null };

/** True when `incoming` is strictly older than `stored`; equal or unknown versions are applied. */
export function isStale(stored: Version, incoming: Version): boolean {
  if (stored.rev !== null && incoming.rev !== null) return incoming.rev < stored.rev;
  if (stored.updatedAt && incoming.updatedAt) return incoming.updatedAt.getTime() < stored.updatedAt.getTime();
  return false;
}

// A drain loop's heartbeat in this process: readiness (/api/readyz) asks whether the outbox worker
// is still turning. Beaten once per turn of the drain loop, which waits at most a poll interval
// when idle (or until an attempt in flight completes, within its timeout).
const g = globalThis as unknown as { switchyardDrainBeat?: number };

export function beatDrain(): void {
  g.switchyardDrainBeat = Date.now();
}

/** Milliseconds since a drain loop last turned in this process, or null if none has run. */
export function sinceLastDrainBeat(): number | null {
  return g.switchyardDrainBeat === undefined ? null : Date.now() - g.switchyardDrainBeat;
}

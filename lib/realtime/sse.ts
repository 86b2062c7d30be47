// The live issue stream: replay from live_events after Last-Event-ID, then whatever the process's
// LISTEN bus delivers, with a heartbeat comment so proxies keep the connection open. Each user may
// hold a limited number of streams per process; a stream's resources are released when it closes.
import "server-only";
import { env } from "@/lib/env";
import { TooManyRequests } from "@/lib/http/errors";
import { latestLiveEventId, liveEventsAfter, subscribeLive, type LiveEvent } from "./bus";
import { HEARTBEAT_MS, MAX_REPLAY, sseComment, sseEvent, sseReset, sseRetry } from "./sse-format";
import { logger } from "@/lib/logger";

const g = globalThis as unknown as { switchyardStreamsPerUser?: Map<string, number> };
const openStreams = () => (g.switchyardStreamsPerUser ??= new Map());

/** Live streams open in this process, all users together (the switchyard_live_streams_open gauge). */
export function openLiveStreamCount(): number {
  let n = 0;
  for (const count of openStreams().values()) n += count;
  return n;
}

export type LiveMessage = { id: number; kind: string; project_id: string; data: unknown };

// The bus hands the same event object to every stream of the process: frame and encode it once,
// not once per stream (1,000 open tabs would otherwise mean 1,000 JSON.stringify calls per change).
const framed = new WeakMap<LiveEvent, Uint8Array>();
const encoder = new TextEncoder();

function frame(e: LiveEvent): Uint8Array {
  let bytes = framed.get(e);
  if (!bytes) {
    const message: LiveMessage = { id: e.id, kind: e.kind, project_id: e.projectId, data: e.payload };
    bytes = encoder.encode(sseEvent(e.id, message));
    framed.set(e, bytes);
  }
  return bytes;
}

export function openLiveStream(opts: { userId: string; projectIds: string[]; lastEventId: number | null; signal: AbortSignal }): Response {
  const count = openStreams().get(opts.userId) ?? 0;
  if (count >= env().SSE_MAX_STREAMS_PER_USER) {
    throw new TooManyRequests(`You already have ${count} live streams open; close a tab and try again.`);
  }
  openStreams().set(opts.userId, count + 1);

  const projectIds = new Set(opts.projectIds);
  let closed = false;
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastSent = 0;
      let ready = false; // until the replay is written, live events wait in `buffer`
      const buffer: LiveEvent[] = [];
      const sent = new Set<number>(); // ids already written (replay and live can overlap)
      const write = (chunk: string | Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
        } catch {
          close();
        }
      };
      const send = (e: LiveEvent) => {
        if (sent.has(e.id)) return;
        sent.add(e.id);
        if (sent.size > 2_000) sent.delete(sent.values().next().value!);
        lastSent = Math.max(lastSent, e.id);
        write(frame(e));
      };
      const catchUp = async () => {
        for (let replayed = 0; ; ) {
          const missed = await liveEventsAfter([...projectIds], lastSent);
          missed.forEach(send);
          replayed += missed.length;
          if (missed.length < 500) return;
          if (replayed >= MAX_REPLAY) {
            // A tab that was away this long reloads its data instead of replaying every change.
            lastSent = await latestLiveEventId();
            write(sseReset(lastSent));
            return;
          }
        }
      };
      const heartbeat = setInterval(() => write(sseComment("heartbeat")), HEARTBEAT_MS);
      let unsubscribe = () => {};
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        const n = (openStreams().get(opts.userId) ?? 1) - 1;
        if (n > 0) openStreams().set(opts.userId, n);
        else openStreams().delete(opts.userId);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      opts.signal.addEventListener("abort", close, { once: true });
      if (opts.signal.aborted) return close();

      write(sseRetry());
      try {
        unsubscribe = await subscribeLive({
          projectIds,
          deliver: (e) => (ready ? send(e) : buffer.push(e)),
          resync: () => void catchUp().catch(() => close()),
        });
        if (closed) return unsubscribe();
        lastSent = opts.lastEventId ?? (await latestLiveEventId());
        await catchUp();
        ready = true;
        buffer.splice(0).forEach(send);
        write(sseComment("connected"));
      } catch (err) {
        logger.error({ err, user_id: opts.userId }, "live stream setup failed");
        close();
      }
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx buffers responses by default, which would hold events back until the buffer fills.
      "x-accel-buffering": "no",
    },
  });
}

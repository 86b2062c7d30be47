// The live issue stream: replay from live_events after Last-Event-ID (bounded: lib/realtime/live-rules.ts),
// then whatever the process's LISTEN bus delivers, with a heartbeat comment so proxies keep the connection
// open. Each user may hold a limited number of streams per process; a stream ends when its user loses
// access (stream-access.ts) or the server shuts down (closeAllStreams), and its resources are released.
import "server-only";
import { env } from "@/lib/env";
import { TooManyRequests } from "@/lib/http/errors";
import { logger } from "@/lib/logger";
import { latestLiveEventId, replayAfter, subscribeLive, type LiveEvent } from "./bus";
import { livePayload, REPLAY_MAX_EVENTS, replayFloor } from "./live-rules";
import { HEARTBEAT_MS, sseComment, sseEnd, sseEvent, sseReset, sseRetry, type EndReason } from "./sse-format";
import { watchAccess, type StreamAccess } from "./stream-access";

const g = globalThis as unknown as { switchyardStreamsPerUser?: Map<string, number>; switchyardOpenStreams?: Set<(reason: EndReason) => void> };
const streamsPerUser = () => (g.switchyardStreamsPerUser ??= new Map());
const openStreams = () => (g.switchyardOpenStreams ??= new Set());

/** Live streams open in this process, all users together (the switchyard_live_streams_open gauge). */
export function openLiveStreamCount(): number {
  return openStreams().size;
}

export type LiveMessage = { id: number; kind: string; project_id: string; data: unknown };

/**
 * Ends every open stream of this process with a final `end` event whose `retry:` tells the browser to
 * reconnect soon (to another instance, or to this one once it is back). For the graceful shutdown.
 * Returns how many streams it ended.
 */
export function closeAllStreams(): number {
  const ends = [...openStreams()];
  for (const end of ends) end("shutdown");
  return ends.length;
}

// The bus hands the same event object to every stream of the process: frame and encode it once,
// not once per stream (1,000 open tabs would otherwise mean 1,000 JSON.stringify calls per change).
const framed = new WeakMap<LiveEvent, Uint8Array>();
const encoder = new TextEncoder();
function frame(e: LiveEvent): Uint8Array {
  let bytes = framed.get(e);
  if (!bytes) {
    // livePayload again on the way out: rows written before deletions were trimmed must not leak either.
    const message: LiveMessage = { id: e.id, kind: e.kind, project_id: e.projectId, data: livePayload(e.kind, e.payload) };
    bytes = encoder.encode(sseEvent(e.id, message));
    framed.set(e, bytes);
  }
  return bytes;
}

export function openLiveStream(opts: StreamAccess & { lastEventId: number | null; signal: AbortSignal }): Response {
  const count = streamsPerUser().get(opts.userId) ?? 0;
  if (count >= env().SSE_MAX_STREAMS_PER_USER) {
    throw new TooManyRequests(`You already have ${count} live streams open; close a tab and try again.`);
  }
  streamsPerUser().set(opts.userId, count + 1);
  const projectIds = new Set(opts.memberSince.keys());
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
        const { events, complete } = await replayAfter(replayFloor(opts.memberSince, new Date()), lastSent, REPLAY_MAX_EVENTS);
        if (complete) return events.forEach(send);
        // Too much missed, or from before the window or the membership: the tab refetches instead.
        lastSent = Math.max(lastSent, await latestLiveEventId());
        write(sseReset(lastSent));
      };
      const heartbeat = setInterval(() => write(sseComment("heartbeat")), HEARTBEAT_MS);
      let unsubscribe = () => {};
      let unwatch = () => {};
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        openStreams().delete(end);
        const n = (streamsPerUser().get(opts.userId) ?? 1) - 1;
        if (n > 0) streamsPerUser().set(opts.userId, n);
        else streamsPerUser().delete(opts.userId);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const end = (reason: EndReason) => {
        write(sseEnd(reason));
        close();
      };
      cleanup = close;
      openStreams().add(end);
      unwatch = watchAccess(opts, () => end("access"));
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
        const latest = await latestLiveEventId();
        // An id from the future (forged, or another database) would hide real events: start from now.
        lastSent = Math.min(opts.lastEventId ?? latest, latest);
        if (opts.lastEventId !== null) await catchUp();
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

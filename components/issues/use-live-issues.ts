"use client";
// One EventSource per browser tab, shared by every component that wants live issues: it streams
// the projects currently in use, writes each change into the react-query cache (loaded list pages +
// detail), and reconnects with backoff, resuming after the last event id so nothing is missed (or
// refetching when the server says the gap is too long to replay).
import { useEffect, useSyncExternalStore } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { reconnectDelay } from "@/lib/realtime/backoff";
import { applyToIssue, applyToPages, type LiveIssue, type LiveIssueMessage, type LoadedPages } from "@/lib/realtime/issue-cache";
import { queryKeys } from "@/lib/query-keys";

export type LiveStatus = "connecting" | "live" | "reconnecting";

type Tab = {
  projects: Map<string, number>; // project id → components using it
  clients: Set<QueryClient>;
  source: EventSource | null;
  lastEventId: string | null;
  attempt: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  status: LiveStatus;
  statusListeners: Set<() => void>;
};

const tab: Tab = {
  projects: new Map(),
  clients: new Set(),
  source: null,
  lastEventId: null,
  attempt: 0,
  retryTimer: null,
  status: "connecting",
  statusListeners: new Set(),
};

function setStatus(status: LiveStatus) {
  if (tab.status === status) return;
  tab.status = status;
  tab.statusListeners.forEach((l) => l());
}

function onMessage(e: MessageEvent<string>) {
  tab.lastEventId = e.lastEventId || tab.lastEventId;
  let msg: LiveIssueMessage;
  try {
    msg = JSON.parse(e.data) as LiveIssueMessage;
  } catch {
    return;
  }
  if (!msg.kind?.startsWith("issue.") || !msg.data?.issue) return;
  for (const client of tab.clients) {
    client.setQueryData<LoadedPages<LiveIssue>>(queryKeys.issues(msg.project_id), (pages) => applyToPages(pages, msg));
    const key = queryKeys.issue(msg.project_id, msg.data.issue.id);
    client.setQueryData<LiveIssue | null>(key, (one) => applyToIssue(one, msg));
    // The event shows at once; an open detail view then refetches for API-only fields (synced_at).
    if (msg.kind !== "issue.deleted") void client.invalidateQueries({ queryKey: key, exact: true, refetchType: "active" });
  }
}

function endReason(data: string): string | undefined {
  try {
    return (JSON.parse(data) as { reason?: string }).reason;
  } catch {
    return undefined;
  }
}

function connect() {
  if (tab.retryTimer) clearTimeout(tab.retryTimer);
  tab.retryTimer = null;
  tab.source?.close();
  tab.source = null;
  if (!tab.projects.size) return;
  const params = new URLSearchParams([...tab.projects.keys()].sort().map((id) => ["projectId", id]));
  // A new EventSource cannot set Last-Event-ID itself, so the resume point travels in the query.
  if (tab.lastEventId) params.set("lastEventId", tab.lastEventId);
  const source = new EventSource(`/api/issues/stream?${params}`);
  tab.source = source;
  source.onopen = () => {
    tab.attempt = 0;
    setStatus("live");
  };
  source.onmessage = onMessage;
  // The server skipped a replay that was too long: refetch the issues this tab shows.
  source.addEventListener("reset", (e) => {
    tab.lastEventId = (e as MessageEvent).lastEventId || tab.lastEventId;
    for (const client of tab.clients) for (const p of tab.projects.keys()) void client.invalidateQueries({ queryKey: queryKeys.issues(p) });
  });
  // The server ended the stream on purpose. Shutting down: come back at the first step of the backoff,
  // however long this tab has been retrying before (the next instance may already be up). Lost access:
  // the usual backoff; the page's own requests say what happened.
  source.addEventListener("end", (e) => {
    if (endReason((e as MessageEvent<string>).data) === "shutdown") tab.attempt = 0;
  });
  source.onerror = () => {
    // Our own backoff instead of the browser's fixed retry, and it also covers 401/429 answers,
    // after which EventSource would give up for good.
    source.close();
    if (tab.source !== source) return;
    tab.source = null;
    setStatus("reconnecting");
    tab.retryTimer = setTimeout(connect, reconnectDelay(tab.attempt++));
  };
}

function use(projectId: string, client: QueryClient): () => void {
  const count = tab.projects.get(projectId) ?? 0;
  tab.projects.set(projectId, count + 1);
  tab.clients.add(client);
  if (count === 0 || !tab.source) {
    if (!tab.source) setStatus("connecting");
    connect();
  }
  return () => {
    // Deferred, so that navigating between two pages of the same project keeps the stream open:
    // the next page's hook registers before this release runs.
    setTimeout(() => {
      const n = (tab.projects.get(projectId) ?? 1) - 1;
      if (n > 0) return void tab.projects.set(projectId, n);
      tab.projects.delete(projectId);
      connect();
    }, 0);
  };
}

/** Keeps the project's issue queries live; returns the connection status for a small indicator. */
export function useLiveIssues(projectId: string): LiveStatus {
  const client = useQueryClient();
  useEffect(() => use(projectId, client), [projectId, client]);
  return useSyncExternalStore(
    (l) => {
      tab.statusListeners.add(l);
      return () => tab.statusListeners.delete(l);
    },
    () => tab.status,
    () => "connecting",
  );
}

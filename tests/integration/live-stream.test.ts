import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as stream } from "@/app/api/issues/stream/route";
import { createIssue, updateIssue } from "@/lib/domain/issues";
import { env } from "@/lib/env";
import { sqlClient } from "@/db/client";
import { liveSubscriberCount } from "@/lib/realtime/bus";
import { MAX_REPLAY } from "@/lib/realtime/sse-format";
import { makeProject, sessionCookie } from "../helpers/factories";

/** Opens the stream handler like a browser would and collects its events as they arrive. */
async function open(query: string, cookie: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const req = new NextRequest(`http://localhost:3000/api/issues/stream?${query}`, { headers: { cookie, ...headers }, signal: abort.signal });
  const res = await stream(req, { params: Promise.resolve({}) });
  const events: { id: number; kind: string; data: any }[] = [];
  let raw = "";
  if (res.status === 200) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        raw += decoder.decode(value, { stream: true });
        events.splice(0, events.length, ...parse(raw));
      }
    })();
  }
  return { res, events, raw: () => raw, close: () => abort.abort() };
}

/** Unnamed events (issue changes) with their ids; named events like `reset` are left out. */
function parse(raw: string) {
  return raw
    .split("\n\n")
    .filter((b) => b.startsWith("id: ") && !b.includes("\nevent: "))
    .map((b) => {
      const [idLine, dataLine] = b.split("\n");
      const data = JSON.parse(dataLine.slice(6));
      return { id: Number(idLine.slice(4)), kind: data.kind, data: data.data };
    });
}

async function until(check: () => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("live issue stream", () => {
  it("tells a client that missed more than the replay limit to refetch instead", async () => {
    const { project, admin } = await makeProject();
    await sqlClient()`
      insert into live_events (project_id, kind, payload)
      select ${project.id}, 'issue.updated', jsonb_build_object('issue', jsonb_build_object('id', 'iss_' || g, 'title', 'Bulk ' || g))
      from generate_series(1, ${MAX_REPLAY + 600}) g`;
    const [{ min }] = await sqlClient()<{ min: string }[]>`select min(id)::text as min from live_events where project_id = ${project.id}`;
    const s = await open(`projectId=${project.id}`, await sessionCookie(admin), { "last-event-id": String(Number(min) - 1) });
    await until(() => s.raw().includes(": connected"), "ready", 15_000);
    expect(s.events).toHaveLength(MAX_REPLAY);
    expect(s.raw()).toMatch(/id: \d+\nevent: reset\n/);
    s.close();
  });

  it("streams issue writes of the project with event ids and SSE headers", async () => {
    const { project, admin } = await makeProject();
    const s = await open(`projectId=${project.id}`, await sessionCookie(admin));
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toContain("text/event-stream");
    expect(s.res.headers.get("x-accel-buffering")).toBe("no");
    await until(() => s.raw().includes(": connected"), "the stream to be ready");
    const issue = await createIssue(admin.id, project.id, { title: "Live one" });
    await updateIssue(project.id, issue.id, { state: "closed" });
    await until(() => s.events.length === 2, "two events");
    expect(s.events.map((e) => e.kind)).toEqual(["issue.created", "issue.updated"]);
    expect(s.events[1].data.issue).toMatchObject({ id: issue.id, state: "closed" });
    expect(s.events[1].id).toBeGreaterThan(s.events[0].id);
    s.close();
  });

  it("does not stream another project's issues", async () => {
    const a = await makeProject();
    const b = await makeProject();
    const s = await open(`projectId=${a.project.id}`, await sessionCookie(a.admin));
    await until(() => s.raw().includes(": connected"), "ready");
    await createIssue(b.admin.id, b.project.id, { title: "Elsewhere" });
    await createIssue(a.admin.id, a.project.id, { title: "Here" });
    await until(() => s.events.length === 1, "one event");
    expect(s.events[0].data.issue.title).toBe("Here");
    s.close();
  });

  it("replays what a reconnecting client missed after Last-Event-ID", async () => {
    const { project, admin } = await makeProject();
    const cookie = await sessionCookie(admin);
    const first = await open(`projectId=${project.id}`, cookie);
    await until(() => first.raw().includes(": connected"), "ready");
    await createIssue(admin.id, project.id, { title: "Seen" });
    await until(() => first.events.length === 1, "first event");
    first.close();
    await createIssue(admin.id, project.id, { title: "Missed 1" });
    await createIssue(admin.id, project.id, { title: "Missed 2" });
    const again = await open(`projectId=${project.id}`, cookie, { "last-event-id": String(first.events[0].id) });
    await until(() => again.events.length === 2, "the two missed events");
    expect(again.events.map((e) => e.data.issue.title)).toEqual(["Missed 1", "Missed 2"]);
    again.close();
  });

  it("requires a signed-in member of every requested project", async () => {
    const { project, outsider, member } = await makeProject();
    expect((await open(`projectId=${project.id}`, "")).res.status).toBe(401);
    expect((await open(`projectId=${project.id}`, await sessionCookie(outsider))).res.status).toBe(404);
    expect((await open("", await sessionCookie(member))).res.status).toBe(422);
    const ok = await open(`projectId=${project.id}`, await sessionCookie(member));
    expect(ok.res.status).toBe(200);
    ok.close();
  });

  it("caps open streams per user and frees a slot when a stream closes", async () => {
    const { project, admin } = await makeProject();
    const cookie = await sessionCookie(admin);
    const cap = env().SSE_MAX_STREAMS_PER_USER;
    const before = liveSubscriberCount();
    const streams: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < cap; i++) streams.push(await open(`projectId=${project.id}`, cookie));
    await until(() => streams.every((s) => s.raw().includes(": connected")), "all ready");
    const over = await open(`projectId=${project.id}`, cookie);
    expect(over.res.status).toBe(429);
    streams[0].close();
    await until(() => liveSubscriberCount() === before + cap - 1, "the closed stream to unsubscribe");
    const replacement = await open(`projectId=${project.id}`, cookie);
    expect(replacement.res.status).toBe(200);
    for (const s of [...streams, replacement]) s.close();
    await until(() => liveSubscriberCount() === before, "all streams to unsubscribe");
  });
});

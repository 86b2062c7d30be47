import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as stream } from "@/app/api/issues/stream/route";
import { listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { createIssue, deleteIssue, updateIssue } from "@/lib/domain/issues";
import { addMember, removeMember } from "@/lib/domain/members";
import { env } from "@/lib/env";
import { sqlClient } from "@/db/client";
import { liveSubscriberCount } from "@/lib/realtime/bus";
import { closeAllStreams } from "@/lib/realtime/sse";
import { REPLAY_MAX_AGE_MS, REPLAY_MAX_EVENTS } from "@/lib/realtime/live-rules";
import { makeProject, makeUser, sessionCookie } from "../helpers/factories";

/** Opens the stream handler like a browser would and collects its events as they arrive. */
async function open(query: string, cookie: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const req = new NextRequest(`http://localhost:3000/api/issues/stream?${query}`, { headers: { cookie, ...headers }, signal: abort.signal });
  const res = await stream(req, { params: Promise.resolve({}) });
  const events: { id: number; kind: string; data: any }[] = [];
  let raw = "";
  let ended = false;
  if (res.status === 200) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return void (ended = true);
        raw += decoder.decode(value, { stream: true });
        events.splice(0, events.length, ...parse(raw));
      }
    })();
  }
  return { res, events, raw: () => raw, ended: () => ended, close: () => abort.abort() };
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
  it("tells a client that missed more than the replay limit to refetch instead, replaying none of it", async () => {
    const { project, admin } = await makeProject();
    await sqlClient()`
      insert into live_events (project_id, kind, payload)
      select ${project.id}, 'issue.updated', jsonb_build_object('issue', jsonb_build_object('id', 'iss_' || g, 'title', 'Bulk ' || g))
      from generate_series(1, ${REPLAY_MAX_EVENTS + 1}) g`;
    const [{ min }] = await sqlClient()<{ min: string }[]>`select min(id)::text as min from live_events where project_id = ${project.id}`;
    const s = await open(`projectId=${project.id}`, await sessionCookie(admin), { "last-event-id": String(Number(min) - 1) });
    await until(() => s.raw().includes(": connected"), "ready", 15_000);
    expect(s.events).toHaveLength(0);
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

  const endedFor = (s: Awaited<ReturnType<typeof open>>, reason: string) => until(() => s.ended() && s.raw().includes(`event: end\ndata: {"reason":"${reason}"`), `the stream to end (${reason})`, 15_000);

  it("ends a member's open stream within seconds of their removal from the project", async () => {
    const { project, admin, member } = await makeProject();
    const s = await open(`projectId=${project.id}`, await sessionCookie(member));
    await until(() => s.raw().includes(": connected"), "ready");
    await removeMember({ userId: admin.id, email: admin.email, name: admin.name }, project.id, member.id);
    await endedFor(s, "access");
    // And a new stream is refused: the slot of the ended one was freed, the access rule says 404.
    expect((await open(`projectId=${project.id}`, await sessionCookie(member))).res.status).toBe(404);
    await createIssue(admin.id, project.id, { title: "After removal" });
    expect(s.events).toHaveLength(0);
  });

  it("ends the streams of a deleted project", async () => {
    const { project, member } = await makeProject();
    const s = await open(`projectId=${project.id}`, await sessionCookie(member));
    await until(() => s.raw().includes(": connected"), "ready");
    await sqlClient()`delete from projects where id = ${project.id}`; // memberships go with it (on delete cascade)
    await endedFor(s, "access");
  });

  it("ends a stream opened with an API token once the token is revoked", async () => {
    const { project, member } = await makeProject();
    const s = await open(`projectId=${project.id}`, "", { authorization: `Bearer ${member.token}` });
    expect(s.res.status).toBe(200);
    await until(() => s.raw().includes(": connected"), "ready");
    const [token] = await listApiTokens(member.id);
    await revokeApiToken(member.id, token.id);
    await endedFor(s, "access");
  });

  it("ends a stream opened with an API token once the token expires", async () => {
    const { project, member } = await makeProject();
    const s = await open(`projectId=${project.id}`, "", { authorization: `Bearer ${member.token}` });
    await until(() => s.raw().includes(": connected"), "ready");
    await sqlClient()`update api_tokens set expires_at = now() - interval '1 second' where user_id = ${member.id}`;
    await endedFor(s, "access");
  });

  it("replays nothing from before the user became a member: the client is told to refetch", async () => {
    const { project, admin } = await makeProject();
    await createIssue(admin.id, project.id, { title: "Before they joined" });
    const [{ before }] = await sqlClient()<{ before: string }[]>`select coalesce(max(id), 0)::text as before from live_events where project_id = ${project.id}`;
    const late = await makeUser("late");
    await addMember({ userId: admin.id, email: admin.email, name: admin.name }, project.id, { email: late.email, role: "member" });
    await createIssue(admin.id, project.id, { title: "After they joined" });
    const s = await open(`projectId=${project.id}`, await sessionCookie(late), { "last-event-id": String(Number(before) - 1) });
    await until(() => s.raw().includes(": connected"), "ready");
    expect(s.raw()).not.toContain("Before they joined");
    expect(s.events).toHaveLength(0);
    expect(s.raw()).toMatch(/event: reset\n/);
    s.close();
  });

  it("replays nothing older than the replay window", async () => {
    const { project, admin } = await makeProject();
    const cookie = await sessionCookie(admin);
    // A tab that was away longer than the window: its last id is older than the oldest replayable event.
    await sqlClient()`update project_members set created_at = now() - interval '1 day' where project_id = ${project.id}`;
    await sqlClient()`
      insert into live_events (project_id, kind, payload, created_at)
      values (${project.id}, 'issue.updated', '{"issue":{"id":"iss_old","title":"Long ago"}}', now() - ${`${REPLAY_MAX_AGE_MS / 1000 + 60} seconds`}::interval)`;
    const [{ old }] = await sqlClient()<{ old: string }[]>`select max(id)::text as old from live_events where project_id = ${project.id}`;
    await createIssue(admin.id, project.id, { title: "Recent" });
    const s = await open(`projectId=${project.id}`, cookie, { "last-event-id": String(Number(old) - 1) });
    await until(() => s.raw().includes(": connected"), "ready");
    expect(s.raw()).not.toContain("Long ago");
    expect(s.events).toHaveLength(0);
    expect(s.raw()).toMatch(/event: reset\n/);
    // From inside the window, the same client would have had the recent change replayed.
    const inside = await open(`projectId=${project.id}`, cookie, { "last-event-id": old });
    await until(() => inside.events.length === 1, "the recent event");
    expect(inside.events[0].data.issue.title).toBe("Recent");
    s.close();
    inside.close();
  });

  it("sends a deleted issue's id, not its content, live and on replay", async () => {
    const { project, admin } = await makeProject();
    const cookie = await sessionCookie(admin);
    const s = await open(`projectId=${project.id}`, cookie);
    await until(() => s.raw().includes(": connected"), "ready");
    const issue = await createIssue(admin.id, project.id, { title: "Confidential title", description: "Confidential text" });
    await deleteIssue(project.id, issue.id);
    await until(() => s.events.length === 2, "created and deleted");
    expect(s.events[1]).toMatchObject({ kind: "issue.deleted", data: { issue: { id: issue.id } } });
    expect(s.events[1].data).toEqual({ issue: { id: issue.id } });
    const replay = await open(`projectId=${project.id}`, cookie, { "last-event-id": String(s.events[0].id) });
    await until(() => replay.events.length === 1, "the replayed deletion");
    expect(replay.events[0].data).toEqual({ issue: { id: issue.id } });
    const stored = await sqlClient()`select payload::text as p from live_events where project_id = ${project.id} and kind = 'issue.deleted'`;
    expect(stored[0].p).not.toContain("Confidential");
    s.close();
    replay.close();
  });

  it("closeAllStreams ends every open stream with an end event that asks for a quick reconnect", async () => {
    const { project, admin, member } = await makeProject();
    const before = liveSubscriberCount();
    const a = await open(`projectId=${project.id}`, await sessionCookie(admin));
    const b = await open(`projectId=${project.id}`, await sessionCookie(member));
    await until(() => a.raw().includes(": connected") && b.raw().includes(": connected"), "ready");
    expect(closeAllStreams()).toBeGreaterThanOrEqual(2);
    for (const s of [a, b]) {
      await endedFor(s, "shutdown");
      expect(s.raw()).toMatch(/retry: \d+\n\nevent: end\n/);
    }
    await until(() => liveSubscriberCount() === before, "the streams to unsubscribe");
  });
});

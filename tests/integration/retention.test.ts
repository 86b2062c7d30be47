// Retention: rows aged past RETENTION_DAYS go, exactly the right ones — finished deliveries with
// their attempts, events nothing refers to, inbound receipts past max(RETENTION_DAYS, 7 days), live
// events past the replay window, read notices — and everything a claim, a parked webhook, a replay
// window or the inbound dedupe still needs stays.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db/client";
import { replayAfter } from "@/lib/realtime/bus";
import { REPLAY_MAX_AGE_MS, REPLAY_MAX_EVENTS } from "@/lib/realtime/live-rules";
import { pruneExpired, retentionCutoffs } from "@/lib/retention/retention";
import { POST as receiptRoute } from "@/app/api/webhooks/[token]/route";
import { call, makeProject } from "../helpers/factories";
import { githubExample, trackerHeaders, withInboundWebhook } from "../helpers/inbound";
import { createWebhook, emitCaseCreated } from "../helpers/outbound";

const ids = async (query: ReturnType<typeof sql>) => (await db().execute<{ id: string }>(query)).map((r) => r.id).sort();
const age = (table: "deliveries" | "events" | "notifications", id: string, days: number) =>
  db().execute(sql`update ${sql.identifier(table)} set created_at = now() - ${days} * interval '1 day' where id = ${id}`);

describe("retentionCutoffs", () => {
  it.each([
    [30, 30, 30],
    [3, 3, 7], // inbound dedupe keys live at least 7 days: trackers redeliver for days
    [7, 7, 7],
    [90, 90, 90],
  ])("RETENTION_DAYS=%i → finished %i days, inbound %i days", (days, finished, inbound) => {
    const now = new Date("2026-06-30T12:00:00Z");
    const cut = retentionCutoffs(now, days);
    expect((now.getTime() - cut.finished.getTime()) / 86_400_000).toBe(finished);
    expect((now.getTime() - cut.inbound.getTime()) / 86_400_000).toBe(inbound);
    expect(now.getTime() - cut.live.getTime()).toBe(REPLAY_MAX_AGE_MS);
  });
});

describe("pruneExpired", () => {
  it("deletes exactly the expired rows, in batches, and keeps recent dedupe keys working", async () => {
    const ctx = await makeProject("Retention");
    const hook = await createWebhook(ctx.project, ctx.admin.token, { name: "Kept", url: "http://127.0.0.1:9/never", events: ["case.created"] });
    // Eight events, each with one delivery; states and ages set as a long-running hub would have them.
    const events = await emitCaseCreated(ctx.project, 8);
    const deliveries = await Promise.all(
      events.map(async (e) => (await db().execute<{ id: string }>(sql`select id from deliveries where event_id = ${e}`))[0].id),
    );
    const plan: [status: string, days: number][] = [
      ["succeeded", 40], // 0: pruned, with its attempt and its event
      ["dead", 40], // 1: pruned
      ["succeeded", 5], // 2: pruned (RETENTION_DAYS=3 below)
      ["failed", 40], // 3: still retrying: a claim may take it — kept, and its event
      ["paused", 40], // 4: parked, never dropped — kept
      ["pending", 40], // 5: due — kept
      ["succeeded", 1], // 6: recent — kept
      ["dead", 2], // 7: recent — kept
    ];
    for (const [i, [status, days]] of plan.entries()) {
      // attempts = 1 with the attempt row below, as the drain leaves them (a later claim numbers its attempt 2).
      await db().execute(sql`update deliveries set status = ${status}::delivery_status, attempts = 1, created_at = now() - ${days} * interval '1 day' where id = ${deliveries[i]}`);
      await age("events", events[i], days);
      await db().execute(sql`insert into delivery_attempts (delivery_id, n, started_at, duration_ms) values (${deliveries[i]}, 1, now(), 5)`);
    }
    // Events with no delivery at all (nothing subscribed): old goes, recent stays.
    await db().execute(sql`update outbound_webhooks set events = '{}' where id = ${hook.webhook.id}`);
    const [lonelyOld, lonelyNew] = await emitCaseCreated(ctx.project, 2);
    await age("events", lonelyOld, 40);

    // Inbound receipts: 8 days old goes, 5 days old stays (7-day minimum), and still dedupes.
    const inbound = await withInboundWebhook(ctx.admin.id, ctx.project.id, "github");
    const receipt = (payload: object, deliveryId: string) => {
      const body = JSON.stringify(payload);
      return call(receiptRoute, { method: "POST", params: { token: inbound.token }, body, headers: trackerHeaders("github", body, { secret: inbound.secret, deliveryId }) });
    };
    const oldPayload = githubExample("opened");
    const recentPayload = githubExample("opened");
    recentPayload.issue.number += 1;
    recentPayload.issue.id += 1;
    const oldReceipt = await receipt(oldPayload, "gh-old");
    const recentReceipt = await receipt(recentPayload, "gh-recent");
    expect([oldReceipt.status, recentReceipt.status].every((s) => s < 300)).toBe(true);
    await age("deliveries", oldReceipt.json.delivery_id, 8);
    await age("deliveries", recentReceipt.json.delivery_id, 5);

    // Live events: four past the replay window (an hour old) and the receipts' recent ones. All but the
    // newest old one go; it stays so that a tab reconnecting from before it still sees a gap and refetches.
    const oldLive = (
      await db().execute<{ id: string }>(sql`
        insert into live_events (project_id, kind, payload, created_at)
        select ${ctx.project.id}, 'issue.updated', '{}'::jsonb, now() - interval '1 hour' from generate_series(1, 4) returning id::text as id`)
    ).map((r) => Number(r.id)).sort((a, b) => a - b);
    await db().execute(sql`insert into live_events (project_id, kind, payload) values (${ctx.project.id}, 'issue.updated', '{}'::jsonb)`);
    const [{ n: liveBefore }] = await db().execute<{ n: number }>(sql`select count(*)::int as n from live_events where project_id = ${ctx.project.id}`);

    // Notices: read and old goes; unread stays however old.
    await db().execute(sql`insert into notifications (id, user_id, project_id, kind, message, read_at, created_at) values
      ('ntf_read_old', ${ctx.admin.id}, ${ctx.project.id}, 'webhook.disabled', 'x', now(), now() - interval '40 days'),
      ('ntf_unread_old', ${ctx.admin.id}, ${ctx.project.id}, 'webhook.disabled', 'x', null, now() - interval '40 days'),
      ('ntf_read_new', ${ctx.admin.id}, ${ctx.project.id}, 'webhook.disabled', 'x', now(), now())`);

    const counts = await pruneExpired({ retentionDays: 3, batchSize: 2, restRatio: 0 });
    expect(counts).toEqual({ deliveries: 3, inbound: 1, events: 4, live_events: 3, notifications: 1 });

    const projectDeliveries = await ids(sql`select id from deliveries where project_id = ${ctx.project.id}`);
    expect(projectDeliveries).toEqual([...deliveries.slice(3), recentReceipt.json.delivery_id].sort());
    const attempts = await ids(sql`select delivery_id as id from delivery_attempts where delivery_id in ${deliveries}`);
    expect(attempts).toEqual(deliveries.slice(3).sort());
    expect(await ids(sql`select id from events where id in ${[...events, lonelyOld, lonelyNew]}`)).toEqual([...events.slice(3), lonelyNew].sort());
    const remainingLive = await db().execute<{ n: number }>(sql`select count(*)::int as n from live_events where project_id = ${ctx.project.id}`);
    expect(remainingLive[0].n).toBe(liveBefore - 3);
    expect(await ids(sql`select id::text as id from live_events where id in ${oldLive}`)).toEqual([String(oldLive[3])]);
    // A tab whose Last-Event-ID predates the pruned rows is told to refetch, not handed a replay with a hole.
    const replay = await replayAfter(new Map([[ctx.project.id, new Date(Date.now() - REPLAY_MAX_AGE_MS)]]), oldLive[0] - 1, REPLAY_MAX_EVENTS);
    expect(replay.complete).toBe(false);
    expect(await ids(sql`select id from notifications where project_id = ${ctx.project.id}`)).toEqual(["ntf_read_new", "ntf_unread_old"]);

    // The 5-day-old receipt's dedupe key still works; the pruned one's is gone, as retention intends.
    expect((await receipt(recentPayload, "gh-recent")).json.outcome).toBe("duplicate");

    // A second pass finds nothing more to do.
    expect(await pruneExpired({ retentionDays: 3, batchSize: 2, restRatio: 0 })).toMatchObject({ deliveries: 0, inbound: 0, events: 0, live_events: 0, notifications: 0 });
  });

  it("runs on one instance at a time: while another holds the lock it does nothing", async () => {
    const other = await sqlClient().reserve();
    try {
      await other`select pg_advisory_lock(727002)`;
      expect(await pruneExpired({ restRatio: 0 })).toBeNull();
      await other`select pg_advisory_unlock(727002)`;
      expect(await pruneExpired({ restRatio: 0 })).not.toBeNull();
    } finally {
      other.release();
    }
  });
});

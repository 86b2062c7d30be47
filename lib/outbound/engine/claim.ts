// Claiming due deliveries (DESIGN section 6.2). A claim sets a lease on due rows and counts the
// attempt; nothing else. No indexed column changes, so on a page with room (fillfactor, migration 0002)
// the claim is a HOT update: no index entry is written. A claimed row keeps its pending/failed status
// and shows as 'delivering' while leased (lib/outbound/deliveries.ts); the next claim skips it until
// the lease ends, so if the drain dies the rows are simply taken again — nothing is lost between claim
// and send. Settling clears the lease; only the claim that is still current may settle (record.ts).
import "server-only";
import type postgres from "postgres";
import { withConnection } from "@/db/guarded-sql";
import { decrypt } from "@/lib/crypto/at-rest";
import type { StoredEvent } from "@/lib/events/envelope";
import { openHeaders, type StoredCustomHeader } from "../custom-headers";
import type { Target } from "../request";
import { claimableOf, waitingByWebhook } from "./due";
import { blockedWebhook } from "./parked";

export type ClaimedDelivery = {
  id: string;
  webhookId: string;
  attempt: number; // 1-based number of the attempt this claim makes
  /** Send Test: one attempt, never retried, and the webhook's health does not count it. */
  test: boolean;
  event: StoredEvent;
  /** When the event was created (ms since the epoch), for the event→delivered latency metric. */
  eventCreatedMs: number;
};

export type Claim = { deliveries: ClaimedDelivery[]; targets: Map<string, LoadedTarget> };

/**
 * Claims up to `limit` due deliveries, at most `perWebhook` of one webhook or, for the webhooks in `room`,
 * the room each has left (0: none), with their events' bodies and their webhooks' targets. Two
 * round trips on one connection: the claim, then both reads together (pipelined in one write).
 * Bounded (db/guarded-sql.ts): a claim whose answer never comes fails instead of holding the drain;
 * its rows, if the update committed, are taken again when their lease ends.
 */
export async function claimDueDeliveries(
  sql: postgres.Sql,
  opts: { limit: number; leaseMs: number; perWebhook?: number; room?: Map<string, number> },
): Promise<Claim> {
  const partly = [...(opts.room ?? [])];
  return withConnection(sql, async (conn) => {
    // Webhook by webhook (due.ts), the one waiting longest first, each giving no more than its room
    // (perWebhook, less what it has in flight): rows over a webhook's room are never leased, so none is
    // handed back, and a webhook at its cap is not even looked into. The nested loop stops pulling at
    // the limit, so no row past it is locked; skip locked keeps two drains from sharing a row.
    const rows = await conn<{ id: string; outbound_webhook_id: string; event_id: string; event_type: string; attempts: number; test: boolean }[]>`
      with recursive ${waitingByWebhook(conn)},
      ready as (
        select w.webhook_id, coalesce(r.room, ${opts.perWebhook ?? opts.limit}) as room
        from sendable w
        left join unnest(${partly.map(([id]) => id)}::text[], ${partly.map(([, n]) => n)}::int[]) as r(webhook_id, room) on r.webhook_id = w.webhook_id
        where w.first_due <= now() and coalesce(r.room, ${opts.perWebhook ?? opts.limit}) > 0
        order by w.first_due
      ),
      due as (
        select c.id from ready r cross join lateral (
          select d.id from deliveries d
          where ${claimableOf(conn, "r.webhook_id")}
          order by d.next_attempt_at
          limit r.room
          for update of d skip locked
        ) c
        limit ${opts.limit}
      )
      update deliveries d
      set attempts = d.attempts + 1, updated_at = now(), lease_until = now() + ${opts.leaseMs} * interval '1 millisecond'
      from due where d.id = due.id
      returning d.id, d.outbound_webhook_id, d.event_id, d.event_type, d.attempts, d.test`;
    if (!rows.length) return { deliveries: [], targets: new Map() };
    // Fan-out shares events, so read each body once (and share one StoredEvent among its deliveries).
    const eventIds = [...new Set(rows.map((r) => r.event_id))];
    const [events, targets] = await Promise.all([
      conn<{ id: string; body: string; created_ms: number }[]>`
        select id, body, (extract(epoch from created_at) * 1000)::float8 as created_ms from events where id = any(${eventIds}::text[])`,
      loadTargets(conn, [...new Set(rows.map((r) => r.outbound_webhook_id))]),
    ]);
    const bodies = new Map(events.map((e) => [e.id, e.body]));
    const createdMs = new Map(events.map((e) => [e.id, e.created_ms]));
    const stored = new Map<string, StoredEvent>();
    const eventOf = (r: (typeof rows)[number]) => {
      let e = stored.get(r.event_id);
      if (!e) stored.set(r.event_id, (e = { id: r.event_id, type: r.event_type, body: bodies.get(r.event_id)! }));
      return e;
    };
    const deliveries = rows.map((r) => ({ id: r.id, webhookId: r.outbound_webhook_id, attempt: r.attempts, test: r.test, event: eventOf(r), eventCreatedMs: createdMs.get(r.event_id)! }));
    return { deliveries, targets };
  }, CLAIM_DEADLINE_MS);
}

const CLAIM_DEADLINE_MS = 10_000;

/**
 * Whether some delivery has been due for over `ms` and nobody holds it: a drain that should be claiming
 * is not. A paused or disabled webhook's backlog is not overdue: nobody should be claiming it.
 */
export async function hasOverdueDeliveries(sql: postgres.Sql, ms: number): Promise<boolean> {
  const [row] = await sql<{ overdue: boolean }[]>`
    with recursive ${waitingByWebhook(sql)}
    select exists (
      select 1 from sendable w cross join lateral (
        select 1 from deliveries d where ${claimableOf(sql, "w.webhook_id", ms)} limit 1
      ) o
      where w.first_due <= now() - ${ms} * interval '1 millisecond'
    ) as overdue`;
  return row.overdue;
}

/** A claim of one row: the delivery and the attempt number the claim gave it. */
export type HeldClaim = Pick<ClaimedDelivery, "id" | "attempt">;

/**
 * Hands claimed rows back untouched (e.g. their webhook is at its in-flight cap, or was paused or
 * disabled after the claim: the rows wait, parked, and the next claim skips that webhook). Only while
 * the claim is still the row's current one (same attempt number): if its lease ran out and another
 * drain claimed the row again, un-counting that drain's attempt would let a later claim reuse its number.
 */
export async function releaseDeliveries(sql: postgres.Sql, claims: HeldClaim[]): Promise<void> {
  if (!claims.length) return;
  await sql`
    update deliveries d set attempts = d.attempts - 1, lease_until = null, updated_at = now()
    from unnest(${claims.map((c) => c.id)}::text[], ${claims.map((c) => c.attempt)}::int[]) as x(id, n)
    where d.id = any(${claims.map((c) => c.id)}::text[]) and d.id = x.id and d.attempts = x.n and d.lease_until is not null`;
}

export type LoadedTarget = { target: Target; blocked: boolean; projectId: string };

// Ciphertexts are unique per encryption, so a cache keyed by ciphertext can never serve a stale value.
const plaintextCache = new Map<string, string>();
function open(ciphertext: string): string {
  let v = plaintextCache.get(ciphertext);
  if (v === undefined) {
    if (plaintextCache.size > 10_000) plaintextCache.clear();
    v = decrypt(ciphertext);
    plaintextCache.set(ciphertext, v);
  }
  return v;
}

/**
 * Where and how to send for each webhook of a claimed batch, read fresh per batch so a rotation,
 * pause or URL change applies to the very next claim. Retiring secrets past their deadline never sign.
 */
async function loadTargets(sql: postgres.Sql, webhookIds: string[]): Promise<Map<string, LoadedTarget>> {
  const rows = await sql<
    { id: string; project_id: string; kind: "generic" | "slack"; url: string | null; url_ciphertext: string | null; custom_headers: StoredCustomHeader[]; blocked: boolean; secrets: string[] }[]
  >`
    select w.id, w.project_id, w.kind, w.url, w.url_ciphertext, w.custom_headers, ${sql.unsafe(blockedWebhook("w"))} as blocked,
      coalesce(array_agg(s.secret_ciphertext order by s.state, s.created_at desc) filter (where s.id is not null), '{}') as secrets
    from outbound_webhooks w
    left join webhook_secrets s on s.webhook_id = w.id and (s.state = 'active' or s.retire_at > now())
    where w.id = any(${webhookIds}::text[])
    group by w.id`;
  return new Map(
    rows.map((w) => [
      w.id,
      {
        blocked: w.blocked,
        projectId: w.project_id,
        target: {
          kind: w.kind,
          url: w.url ?? open(w.url_ciphertext!),
          secrets: w.secrets.map(open),
          headers: openHeaders(w.custom_headers, open),
        },
      },
    ]),
  );
}

// The deliveries table of `npm run bench:ui-data`, also read by `npm run bench:recover-plan`: one project
// with 4 webhooks and mixed statuses over 30 days (rows inserted with generate_series), beside another
// project's traffic.
import type postgres from "postgres";
import { mintToken, sha256Hex } from "../lib/crypto/tokens";

/** The event a bench delivery belongs to: four consecutive rows (one per webhook) share one, like a fan-out. */
export const eventOf = (g: number) => `evt_b${String(Math.floor(g / 4)).padStart(9, "0")}`;

/** Adds deliveries (and their events) until the project holds `total` rows: 4 webhooks, mixed
 * statuses and event types, spread over 30 days, a few inbound receipts and replays. */
export async function growTo(sql: postgres.Sql, projectId: string, from: number, total: number) {
  const chunk = 100_000;
  for (let start = from + 1; start <= total; start += chunk) {
    const end = Math.min(total, start + chunk - 1);
    await sql`
      insert into events (id, project_id, type, body, created_at)
      select distinct 'evt_b' || lpad((g / 4)::text, 9, '0'), ${projectId}, 'test_run.created', '{}', now()
      from generate_series(${start}::int, ${end}::int) g
      on conflict (id) do nothing`;
    await sql`
      insert into deliveries (id, project_id, direction, outbound_webhook_id, event_id, event_type, status,
                              outcome, attempts, next_attempt_at, last_status_code, replay_of, created_at, updated_at)
      select 'dlv_b' || lpad(g::text, 9, '0'), ${projectId},
             case when g % 50 = 0 then 'inbound'::delivery_direction else 'outbound'::delivery_direction end,
             case when g % 50 = 0 then null else 'wh_bench' || (g % 4) end,
             case when g % 50 = 0 then null else 'evt_b' || lpad((g / 4)::text, 9, '0') end,
             (array['test_run.created','test_run.completed','case.updated','issue.updated','session.completed','test_run.result_added'])[1 + g % 6],
             case when g % 50 = 0 then 'succeeded' when g % 97 = 0 then 'dead' when g % 31 = 0 then 'failed' when g % 13 = 0 then 'pending'
                  else 'succeeded' end::delivery_status,
             case when g % 50 = 0 then 'applied' end,
             1 + (g % 3), now(), case when g % 31 = 0 then 500 else 200 end,
             case when g % 211 = 0 then 'dlv_b' || lpad((g - 1)::text, 9, '0') end,
             now() - make_interval(secs => (${total} - g) * (2592000.0 / ${total})),
             now()
      from generate_series(${start}::int, ${end}::int) g`;
  }
  await sql`vacuum analyze deliveries`;
}

export async function seed(sql: postgres.Sql) {
  const userId = "usr_bench";
  const projectId = "prj_bench";
  await sql`insert into users (id, email, name, password_hash) values (${userId}, 'bench@example.test', 'Bench', 'x')`;
  await sql`insert into projects (id, name, created_by) values (${projectId}, 'Bench project', ${userId})`;
  await sql`insert into project_members (project_id, user_id, role) values (${projectId}, ${userId}, 'admin')`;
  // Another project's traffic in the same table, so the project filter has work to do.
  await sql`insert into projects (id, name) values ('prj_other', 'Other project')`;
  for (let i = 0; i < 4; i++) {
    await sql`insert into outbound_webhooks (id, project_id, name, kind, url, url_redacted, events)
              values (${`wh_bench${i}`}, ${projectId}, ${`Receiver ${i}`}, 'generic', ${`https://example.com/hook/${i}`},
                      ${`https://example.com/hook/${i}`}, '{test_run.created,case.updated}')`;
  }
  const token = mintToken("sy_");
  await sql`insert into api_tokens (id, user_id, name, token_hash, hint) values ('tok_bench', ${userId}, 'bench', ${sha256Hex(token)}, ${token.slice(-4)})`;
  return { userId, projectId, token };
}

/** Other projects' rows in the same table, so the project filter has work to do. */
export async function growToOther(sql: postgres.Sql, rows: number) {
  await sql`
    insert into deliveries (id, project_id, direction, event_type, status, created_at)
    select 'dlv_o' || lpad(g::text, 9, '0'), 'prj_other', 'outbound', 'case.updated', 'succeeded', now() - make_interval(secs => g)
    from generate_series(1, ${rows}::int) g`;
}


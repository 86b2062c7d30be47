// `npx tsx bench/inbound-parse.ts`: CPU time per receipt of the pure part of the receipt path — the
// guarded JSON parse and the provider adapter (bounded reading, scope facts, delivery id) — for each
// tracker's usual payload, with no server, database or network, so it can be compared across
// commits on a busy machine (CPU time, not wall time; median of rounds). Prints one Markdown table.
//   env: PARSE_ROUNDS (7), PARSE_ITERATIONS per round (20000)
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseGuardedJson } from "../lib/inbound/json-guard";
import { adapters } from "../lib/inbound/providers";

const ROUNDS = Number(process.env.PARSE_ROUNDS ?? 7);
const ITERATIONS = Number(process.env.PARSE_ITERATIONS ?? 20_000);

const fixture = (p: string) => readFileSync(path.resolve(import.meta.dirname, "../tests/fixtures/trackers", p), "utf8");

// The GitHub body is the one bench:inbound sends; Jira and Azure DevOps use the test fixtures.
const github = JSON.stringify({
  action: "edited",
  issue: {
    number: 42, title: "bench-42", state: "open", html_url: "https://github.com/bench/repo/issues/42",
    labels: [{ name: "bench" }], assignee: { login: "octocat" }, updated_at: "2030-01-01T00:16:40.000Z",
  },
  repository: { full_name: "bench/repo" },
  sender: { login: "octocat" },
});

const cases = [
  { name: "GitHub issues.edited", provider: "github" as const, body: github, headers: new Headers({ "x-github-event": "issues", "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" }) },
  { name: "Jira jira:issue_updated", provider: "jira" as const, body: fixture("jira/issue_updated.in-progress.json"), headers: new Headers({ "x-atlassian-webhook-identifier": "12345-1" }) },
  { name: "Azure DevOps workitem.updated", provider: "azure_devops" as const, body: fixture("ado/workitem.updated.json"), headers: new Headers() },
];

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

const rows: string[] = [];
for (const c of cases) {
  const adapter = adapters[c.provider];
  const once = () => {
    const parsed = parseGuardedJson(c.body);
    if (!parsed.ok) throw new Error(`${c.name}: ${parsed.message}`);
    const result = adapter.parse(parsed.value, c.headers);
    if (result.kind !== "issue") throw new Error(`${c.name}: ${result.kind}`);
    adapter.deliveryId(parsed.value, c.headers);
  };
  for (let i = 0; i < ITERATIONS; i++) once(); // warm-up
  const perRound: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = cpuMicros();
    for (let i = 0; i < ITERATIONS; i++) once();
    perRound.push((cpuMicros() - t0) / ITERATIONS);
  }
  perRound.sort((a, b) => a - b);
  rows.push(`| ${c.name} | ${c.body.length} | ${perRound[Math.floor(ROUNDS / 2)].toFixed(1)} µs | ${perRound[0].toFixed(1)}–${perRound[ROUNDS - 1].toFixed(1)} µs |`);
}
console.log(["| payload | bytes | CPU per receipt (median) | range over rounds |", "|---|---:|---:|---:|", ...rows].join("\n"));

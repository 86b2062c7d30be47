// Issue 4, "Must show": two `next start` processes on one database. A receipt posted to one
// reaches an SSE client connected to the other (Postgres LISTEN/NOTIFY), and a client that
// reconnects with Last-Event-ID gets what it missed. The second server's log and a dump of every
// table must not contain the inbound secret or the ADO password.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { connectPostgres } from "../db/connect";
import { E2E_DATA_DIR } from "../playwright.config";
import { ADMIN, createProject, e2eDatabaseUrl, signIn } from "./helpers";
import { createInbound, githubIssueEvent, postGithub, setIntegration } from "./inbound-helpers";

const SECOND_PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
const second = `http://localhost:${SECOND_PORT}`;
let server: ChildProcess | undefined;
let log = "";

// One second server for both tests: they run in order, in one worker.
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000); // `next start` is slow to come up while other builds share the CPU
  const secrets = JSON.parse(readFileSync(`${E2E_DATA_DIR}/secrets.json`, "utf8")) as Record<string, string>;
  // Node runs Next directly (no npx wrapper) so afterAll's SIGTERM reaches the server itself.
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(SECOND_PORT)], {
    env: { ...process.env, ...secrets, DATABASE_URL: e2eDatabaseUrl(), APP_URL: second, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 150_000;
  for (;;) {
    const up = await fetch(`${second}/api/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`second server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server?.pid) server.kill("SIGTERM");
});

type Sse = { events: { id: number; kind: string; title: string }[]; close: () => void; raw: () => string };

/** A minimal SSE client (fetch + stream parsing), connected to the given server. */
async function openStream(base: string, projectId: string, cookie: string, lastEventId?: number): Promise<Sse> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/issues/stream?projectId=${projectId}`, {
    headers: { cookie, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": String(lastEventId) } : {}) },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-accel-buffering")).toBe("no");
  const sse: Sse = { events: [], close: () => abort.abort(), raw: () => raw };
  let raw = "";
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        raw += decoder.decode(chunk, { stream: true });
        sse.events = raw
          .split("\n\n")
          .filter((b) => b.startsWith("id: "))
          .map((b) => {
            const [idLine, dataLine] = b.split("\n");
            const data = JSON.parse(dataLine.slice(6));
            return { id: Number(idLine.slice(4)), kind: data.kind, title: data.data.issue.title };
          });
      }
    } catch {
      // aborted
    }
  })();
  await expect.poll(() => raw.includes(": connected")).toBe(true);
  return sse;
}

test("a receipt on one server reaches an SSE client on the other, and Last-Event-ID replays what was missed", async ({ page, baseURL }) => {
  await signIn(page, ADMIN);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const project = await createProject(page.request, "Live: two servers");
  await setIntegration(page.request, project.id, { provider: "github", repository: "Codertocat/Hello-World" });
  const { url, secret } = await createInbound(page.request, project.id);
  expect(url.startsWith(baseURL!)).toBe(true);

  // The client listens on the SECOND server; the receipt goes to the FIRST.
  const client = await openStream(second, project.id, cookie);
  const t0 = Date.now();
  expect((await postGithub(url, githubIssueEvent("opened", 1, { title: "Seen across servers" }), secret!)).status).toBe(202);
  await expect.poll(() => client.events.map((e) => e.title)).toEqual(["Seen across servers"]);
  console.log(`receipt on server 1 → event on server 2's stream: ${Date.now() - t0} ms`);
  const lastSeen = client.events[0].id;
  client.close();

  // While disconnected, two more changes arrive (one on each server).
  const tokenPath = new URL(url).pathname;
  expect((await postGithub(url, githubIssueEvent("opened", 2, { title: "Missed on server 1" }), secret!)).status).toBe(202);
  expect((await postGithub(`${second}${tokenPath}`, githubIssueEvent("opened", 3, { title: "Missed on server 2" }), secret!)).status).toBe(202);

  const resumed = await openStream(second, project.id, cookie, lastSeen);
  await expect.poll(() => resumed.events.map((e) => e.title)).toEqual(["Missed on server 1", "Missed on server 2"]);
  expect(resumed.events.every((e) => e.id > lastSeen)).toBe(true);
  resumed.close();
});

test("no plaintext inbound secret or ADO password in a dump of every table or in the server log", async ({ page }) => {
  await signIn(page, ADMIN);
  const project = await createProject(page.request, "Live: secrets at rest");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // Create through the second server, whose log this test can read.
  const api = (path: string, init: RequestInit) => fetch(`${second}/api/v1/projects/${project.id}${path}`, { ...init, headers: { cookie, "content-type": "application/json" } });
  expect((await api("/integration", { method: "PUT", body: JSON.stringify({ provider: "github", repository: "o/r" }) })).status).toBe(200);
  const gh = (await (await api("/webhooks/inbound", { method: "POST", body: "{}" })).json()) as { url: string; secret: string };
  await postGithub(gh.url, githubIssueEvent("opened", 5, { title: "x" }), "whsec_wrong"); // a rejected one, too
  expect((await api("/integration", { method: "PUT", body: JSON.stringify({ provider: "azure_devops", organization: "o", project: "p" }) })).status).toBe(200);
  const adoPassword = `ado-password-${Date.now()}`;
  const ado = await api("/webhooks/inbound", { method: "POST", body: JSON.stringify({ username: "ado-user", password: adoPassword }) });
  expect(ado.status).toBe(201);

  const needles = [gh.secret, gh.secret.slice("whsec_".length), new URL(gh.url).pathname.split("/").pop()!, adoPassword];
  const sql = connectPostgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'`;
    let dump = "";
    for (const { table_name } of tables) {
      for (const { row } of await sql.unsafe(`select t::text as row from "${table_name}" t`)) dump += `${row}\n`;
    }
    expect(dump.length).toBeGreaterThan(0);
    for (const needle of needles) expect(dump.includes(needle), `database holds ${needle.slice(0, 6)}…`).toBe(false);
  } finally {
    await sql.end();
  }
  for (const needle of needles) expect(log.includes(needle), "server log holds a secret").toBe(false);
});

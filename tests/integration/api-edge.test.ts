// The JSON API's edge (DESIGN §5): who is asking is settled before a body is read; bodies are JSON
// of at most 1 MiB; a signed-in browser's writes must come from Switchyard's own pages; malformed
// ids and cursors are a 400, never a 500.
process.env.WEBHOOKS_ALLOW_HTTP = "1";
process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "1";

import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { db } from "@/db/client";
import { cases } from "@/db/schema";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { teeLogs } from "@/lib/logger";
import { POST as createCase } from "@/app/api/v1/projects/[projectId]/cases/route";
import { GET as getCase } from "@/app/api/v1/projects/[projectId]/cases/[caseId]/route";
import { GET as listDeliveries } from "@/app/api/v1/projects/[projectId]/deliveries/route";
import { POST as bulkReplay } from "@/app/api/v1/projects/[projectId]/deliveries/replay/route";
import { POST as addMember } from "@/app/api/v1/projects/[projectId]/members/route";
import { call, makeProject, makeUser, sessionCookie } from "../helpers/factories";

let f: Awaited<ReturnType<typeof makeProject>>;
let cookie: string;
beforeAll(async () => {
  f = await makeProject("Edge");
  cookie = await sessionCookie(f.admin);
});
const p = () => ({ projectId: f.project.id });
const APP = "http://localhost:3000"; // APP_URL in tests
const casesNamed = async (title: string) => (await db().select().from(cases).where(eq(cases.title, title))).length;

/** A request whose body streams `size` bytes without a Content-Length, counting what was pulled. */
function streamingRequest(size: number, headers: Record<string, string>) {
  const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
  const sent = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= size) return controller.close();
      sent.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new NextRequest(`${APP}/`, { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  return { req, sent };
}

describe("cross-site writes with the session cookie", () => {
  it("a text/plain POST from a foreign Origin is refused (403) and creates nothing", async () => {
    const res = await call(createCase, {
      method: "POST",
      params: p(),
      cookie,
      headers: { origin: "https://evil.localhost:3000", "content-type": "text/plain" },
      body: JSON.stringify({ title: "csrf-plain" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.detail).toMatch(/evil\.localhost/);
    expect(await casesNamed("csrf-plain")).toBe(0);
  });

  it("a JSON POST the browser marks same-site (a sibling origin) is refused too", async () => {
    const res = await call(addMember, {
      method: "POST",
      params: p(),
      cookie,
      headers: { "sec-fetch-site": "same-site" },
      body: { email: (await makeUser("victim")).email, role: "admin" },
    });
    expect(res.status).toBe(403);
  });

  it("the app's own pages may write with the cookie; reads need no Origin", async () => {
    const ok = await call(createCase, { method: "POST", params: p(), cookie, headers: { origin: APP, "sec-fetch-site": "same-origin" }, body: { title: "from-the-app" } });
    expect(ok.status, ok.text).toBe(201);
    const read = await call(getCase, { params: { ...p(), caseId: ok.json.case.id }, cookie, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(read.status).toBe(200);
  });

  it("Bearer tokens are exempt: a browser never attaches them on its own", async () => {
    const res = await call(createCase, { method: "POST", params: p(), token: f.member.token, headers: { origin: "https://elsewhere.example" }, body: { title: "bearer-ok" } });
    expect(res.status, res.text).toBe(201);
  });
});

describe("request bodies", () => {
  it("an anonymous upload is refused (401) before its body is read", async () => {
    const { req, sent } = streamingRequest(50 * MAX_JSON_BODY_BYTES, { "content-type": "application/json" });
    const res = await createCase(req, { params: Promise.resolve(p()) });
    expect(res.status).toBe(401);
    expect(sent.bytes).toBeLessThan(MAX_JSON_BODY_BYTES);
  });

  it("a body over 1 MiB is 413 problem+json, with no Content-Length, after reading no more than the cap", async () => {
    const { req, sent } = streamingRequest(50 * MAX_JSON_BODY_BYTES, { "content-type": "application/json", authorization: `Bearer ${f.member.token}` });
    const res = await createCase(req, { params: Promise.resolve(p()) });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(sent.bytes).toBeLessThan(2 * MAX_JSON_BODY_BYTES);
  });

  it("a declared Content-Length over 1 MiB is 413 at once", async () => {
    const res = await call(createCase, { method: "POST", params: p(), token: f.member.token, headers: { "content-length": String(MAX_JSON_BODY_BYTES + 1) }, body: { title: "x" } });
    expect(res.status).toBe(413);
  });

  it.each([
    { name: "text/plain", type: "text/plain" },
    { name: "a form", type: "application/x-www-form-urlencoded" },
  ])("$name with a token → 415 problem+json", async ({ type }) => {
    const res = await call(createCase, { method: "POST", params: p(), token: f.member.token, headers: { "content-type": type }, body: JSON.stringify({ title: "typed" }) });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("text PostgreSQL cannot store (NUL, an unpaired surrogate) is 400 naming the field", async () => {
    for (const raw of ['{"title":"a\\u0000b"}', '{"title":"\\ud800"}']) {
      const res = await call(createCase, { method: "POST", params: p(), token: f.member.token, body: raw });
      expect(res.status, res.text).toBe(400);
      expect(res.json.errors[0].path).toBe("title");
    }
  });
});

describe("malformed ids and cursors", () => {
  it.each([
    { name: "a NUL", caseId: "case_\u0000" },
    { name: "an unpaired surrogate", caseId: "case_\ud800" },
    { name: "10,000 characters", caseId: "c".repeat(10_000) },
  ])("a path id with $name → 400", async ({ caseId }) => {
    const res = await call(getCase, { params: { ...p(), caseId }, token: f.member.token });
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each(["0", "+010000-01-01T00:00:00Z", "2026-02-31 10:00:00+00", "2026-05-15T10:20:30Z"])(
    "a keyset cursor around %j (Date.parse accepts it, timestamptz may not) → 400",
    async (at) => {
      const cursor = Buffer.from(JSON.stringify([at, "dlv_x"])).toString("base64url");
      const res = await call(listDeliveries, { path: `/?cursor=${cursor}`, params: p(), token: f.admin.token });
      expect(res.status, res.text).toBe(400);
      expect(res.json.errors[0].path).toBe("cursor");
    },
  );

  it("a query value with a NUL → 400", async () => {
    const res = await call(listDeliveries, { path: "/?webhook=%00", params: p(), token: f.admin.token });
    expect(res.status, res.text).toBe(400);
  });

  it("bulk replay ids are bounded: 101 ids or one over-long id → 422, nothing replayed", async () => {
    const many = await call(bulkReplay, { method: "POST", params: p(), token: f.admin.token, body: { ids: Array.from({ length: 101 }, (_, i) => `dlv_${i}`) } });
    expect(many.status).toBe(422);
    const long = await call(bulkReplay, { method: "POST", params: p(), token: f.admin.token, body: { ids: ["d".repeat(100_000)] } });
    expect(long.status).toBe(422);
    expect(long.json.errors[0].path).toBe("ids.0");
  });
});

describe("an unexpected failure", () => {
  it("answers 500 and logs the database's message and code, never the statement's parameters", async () => {
    const logged: string[] = [];
    teeLogs(new Writable({ write: (chunk, _enc, done) => void (logged.push(String(chunk)), done()) }));
    const failing = route(async () => {
      await db().execute(sql`select ${"hunter2-parameter"}::text, 1 / 0`);
      return new Response(null);
    });
    const res = await call(failing);
    expect(res.status).toBe(500);
    const lines = logged.filter((l) => l.includes("request failed"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("22012"); // division_by_zero
    expect(lines[0]).toContain("division by zero");
    expect(logged.join("\n")).not.toContain("hunter2");
  });
});

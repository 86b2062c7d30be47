// Sign-in throttling through next-auth's real credentials callback (the endpoint a script would
// hammer): per account and per client address, kept in PostgreSQL, with a growing wait.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { THROTTLE, recordSignInFailure, signInBlockedUntil } from "@/lib/auth/sign-in-throttle";
import { makeUser } from "../helpers/factories";

const PASSWORD = "correct horse battery staple"; // makeUser's
const ORIGIN = "http://localhost:3000";

let csrf: { token: string; cookie: string };
beforeAll(async () => {
  const res = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  csrf = { token: (await res.json()).csrfToken, cookie };
});

const retryAfters: number[] = [];

/** One sign-in attempt from `address`: "ok", "throttled" (a 429), or the error code next-auth redirects with. */
async function attempt(email: string, password: string, address: string): Promise<string> {
  const body = new URLSearchParams({ email, password, csrfToken: csrf.token, callbackUrl: `${ORIGIN}/projects` });
  const req = new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie, "x-forwarded-for": address },
    body,
  });
  const res = await POST(req);
  if (res.status === 429) {
    retryAfters.push(Number(res.headers.get("retry-after")));
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    return "throttled";
  }
  const location = new URL(res.headers.get("location") ?? "", ORIGIN);
  return location.searchParams.get("code") ?? (location.pathname === "/projects" ? "ok" : `unexpected ${location}`);
}

let n = 0;
const address = () => `198.51.100.${++n}`;

describe("sign-in throttling", () => {
  it("after 5 wrong passwords the account is refused, even with the right password, from any address", async () => {
    const user = await makeUser("victim");
    const from = address();
    for (let i = 0; i < THROTTLE.failures; i++) expect(await attempt(user.email, "wrong", from)).toBe("credentials");
    retryAfters.length = 0;
    expect(await attempt(user.email, PASSWORD, from)).toBe("throttled");
    expect(await attempt(user.email, PASSWORD, address())).toBe("throttled");
    expect(retryAfters).toHaveLength(2);
    for (const seconds of retryAfters) expect(seconds).toBeGreaterThan(0);
    for (const seconds of retryAfters) expect(seconds).toBeLessThanOrEqual(THROTTLE.baseDelayMs / 1000);
  });

  it("a success clears the account's failures", async () => {
    const user = await makeUser("forgetful");
    const from = address();
    for (let i = 0; i < THROTTLE.failures - 1; i++) await attempt(user.email, "wrong", from);
    expect(await attempt(user.email, PASSWORD, address())).toBe("ok");
    for (let i = 0; i < THROTTLE.failures - 1; i++) expect(await attempt(user.email, "wrong", address())).toBe("credentials");
    expect(await attempt(user.email, PASSWORD, address())).toBe("ok");
  });

  it("one address guessing across many accounts, known or not, is refused; other addresses are not", async () => {
    const from = address();
    for (let i = 0; i < THROTTLE.failures; i++) expect(await attempt(`nobody-${n}-${i}@example.test`, "guess", from)).toBe("credentials");
    const bystander = await makeUser("bystander");
    expect(await attempt(bystander.email, PASSWORD, from)).toBe("throttled");
    expect(await attempt(bystander.email, PASSWORD, address())).toBe("ok");
  });

  it("the wait grows with each further failure", async () => {
    const email = `grows-${Date.now()}@example.test`;
    const from = address();
    const t0 = new Date();
    const waits: number[] = [];
    for (let i = 1; i <= THROTTLE.failures + 3; i++) {
      const at = new Date(t0.getTime() + i * 1000);
      await recordSignInFailure(email, from, at);
      const until = await signInBlockedUntil(email, from, at);
      if (i >= THROTTLE.failures) waits.push(until!.getTime() - at.getTime());
      else expect(until).toBeNull();
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});

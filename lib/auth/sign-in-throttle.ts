// Sign-in throttling per account and per client address, kept in PostgreSQL so every app instance
// sees the same count. After THROTTLE.failures failures within THROTTLE.windowMs, the next attempt
// waits, and each further failure doubles the wait (up to THROTTLE.maxDelayMs). A success clears
// the account's failures (not the address's: one right password must not unlock guessing others).
import "server-only";
import { and, eq, gt, lt, or } from "drizzle-orm";
import { db } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/tokens";
import { readUpTo } from "@/lib/http/body";

export const THROTTLE = { failures: 5, windowMs: 15 * 60_000, baseDelayMs: 60_000, maxDelayMs: 15 * 60_000 } as const;

type Scope = (typeof signInAttempts.$inferSelect)["scope"];

/** When the next attempt may be made after these failures, or null if it may be made now. */
export function nextAttemptAt(failures: readonly Date[], now: Date): Date | null {
  const recent = failures.filter((t) => now.getTime() - t.getTime() < THROTTLE.windowMs);
  if (recent.length < THROTTLE.failures) return null;
  const last = Math.max(...recent.map((t) => t.getTime()));
  const delay = Math.min(THROTTLE.maxDelayMs, THROTTLE.baseDelayMs * 2 ** (recent.length - THROTTLE.failures));
  return last + delay > now.getTime() ? new Date(last + delay) : null;
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (Next.js sets the
 * header to the socket's address when none came in). Without a proxy in front, a client can forge it;
 * the per-account limit holds regardless.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.slice(-200).split(",").at(-1)?.trim();
  return forwarded || "unknown";
}

const keysFor = (email: string, address: string): Array<{ scope: Scope; key: string }> => [
  { scope: "account", key: sha256Hex(email.trim().toLowerCase()) },
  { scope: "address", key: sha256Hex(address) },
];

const matches = (keys: Array<{ scope: Scope; key: string }>) => or(...keys.map((k) => and(eq(signInAttempts.scope, k.scope), eq(signInAttempts.key, k.key))));

/** When this account or address may try again, or null if it may now. */
export async function signInBlockedUntil(email: string, address: string, now = new Date()): Promise<Date | null> {
  const keys = keysFor(email, address);
  const rows = await db()
    .select({ scope: signInAttempts.scope, key: signInAttempts.key, failedAt: signInAttempts.failedAt })
    .from(signInAttempts)
    .where(and(matches(keys), gt(signInAttempts.failedAt, new Date(now.getTime() - THROTTLE.windowMs))));
  const until = keys
    .map((k) => nextAttemptAt(rows.filter((r) => r.scope === k.scope && r.key === k.key).map((r) => r.failedAt), now))
    .filter((d): d is Date => d !== null);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

export async function recordSignInFailure(email: string, address: string, now = new Date()): Promise<void> {
  const keys = keysFor(email, address);
  await db().transaction(async (tx) => {
    // Rows past the window count for nothing: drop this pair's, so the table stays small.
    await tx.delete(signInAttempts).where(and(matches(keys), lt(signInAttempts.failedAt, new Date(now.getTime() - THROTTLE.windowMs))));
    await tx.insert(signInAttempts).values(keys.map((k) => ({ ...k, failedAt: now })));
  });
}

export async function clearAccountFailures(email: string): Promise<void> {
  const [account] = keysFor(email, "");
  await db().delete(signInAttempts).where(and(eq(signInAttempts.scope, account.scope), eq(signInAttempts.key, account.key)));
}

/**
 * For next-auth's own credentials endpoint (a script's way in): when the email in this form post, from
 * this address, may try again. Reads a clone of the body (at most 16 KiB), so next-auth still can.
 */
export async function blockedUntilForForm(req: Request): Promise<Date | null> {
  const bytes = await readUpTo(req.clone(), 16 * 1024);
  const email = bytes && new URLSearchParams(bytes.toString("utf8")).get("email");
  return email ? signInBlockedUntil(email.slice(0, 320), clientAddress(req.headers)) : null;
}

/** Whole seconds until `until`, at least 1: a Retry-After value. */
export function retryAfterSeconds(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** "in 4 minutes" style wording for the sign-in page, rounded up to whole minutes. */
export function retryWording(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return minutes === 1 ? "in a minute" : `in ${minutes} minutes`;
}

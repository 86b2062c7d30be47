// Minting and comparing bearer-style secrets: API tokens, inbound URL tokens, whsec_ secrets.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random URL-safe token with a readable prefix, e.g. "sy_…" for API tokens. */
export function mintToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** Standard Webhooks secret: whsec_<base64 of 32 random bytes>; the HMAC key is the decoded bytes. */
export function mintWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function sha256Hex(value: string | Buffer): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison (lengths are compared on digests so they leak nothing). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash("sha256").update(a).digest();
  const dbuf = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, dbuf);
}

/** Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. */
export function bearerMatches(req: Request, expected: string): boolean {
  const header = req.headers.get("authorization") ?? "";
  const given = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
  return safeEqual(given, expected);
}

// Verifying what each tracker sends, on the raw body bytes, in constant time.
// GitHub and Jira sign with the secret string exactly as the admin pasted it (its UTF-8 bytes are
// the HMAC key — unlike our outbound Standard Webhooks signatures, which use the decoded bytes).
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/crypto/tokens";

export function hubSignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

// Longer headers than these are refused unread: a signature is 71 characters, a Basic header for
// the longest credentials we store (200 + 200 characters, up to 4 bytes each in UTF-8) about 2,150.
const MAX_SIGNATURE_HEADER = 128;
const MAX_AUTHORIZATION_HEADER = 4096;

/** X-Hub-Signature(-256): "sha256=<hex>". Missing, other algorithms or a wrong digest → false. */
export function verifyHubSignature(secret: string, body: Buffer, header: string | null): boolean {
  if (!header || header.length > MAX_SIGNATURE_HEADER || !header.startsWith("sha256=")) return false;
  return safeEqual(hubSignature(secret, body), header.trim().toLowerCase());
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

/** Authorization: Basic base64(username:password); both parts compared in constant time. */
export function verifyBasicAuth(expected: { username: string; password: string }, header: string | null): boolean {
  if (!header || header.length > MAX_AUTHORIZATION_HEADER) return false;
  const m = header.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!m) return false;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return false;
  // Both comparisons always run, so timing does not reveal which part was wrong.
  const userOk = safeEqual(decoded.slice(0, i), expected.username);
  const passOk = safeEqual(decoded.slice(i + 1), expected.password);
  return userOk && passOk;
}

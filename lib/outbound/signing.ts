// Signature headers of DESIGN section 5. Standard Webhooks: HMAC-SHA256 over "{id}.{timestamp}.{body}"
// keyed with the decoded whsec_ bytes, one "v1,<base64>" per secret; plus a GitHub-style
// sha256=<hex> over the body alone for receivers with simpler tooling.
import { createHmac } from "node:crypto";

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

/** `secrets`: active first, then retiring ones — every one of them signs during a rotation window. */
export function signatureHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string | Buffer,
): { "webhook-signature": string; "x-switchyard-signature-256": string } {
  const standard: string[] = [];
  const simple: string[] = [];
  for (const secret of secrets) {
    const key = secretKey(secret);
    standard.push(`v1,${createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64")}`);
    simple.push(`sha256=${createHmac("sha256", key).update(body).digest("hex")}`);
  }
  return { "webhook-signature": standard.join(" "), "x-switchyard-signature-256": simple.join(",") };
}

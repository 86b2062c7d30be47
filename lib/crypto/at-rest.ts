// AES-256-GCM encryption at rest for webhook secrets, Slack URLs and tracker credentials.
// Ciphertext format: "v1.<kid>.<iv b64url>.<tag b64url>.<data b64url>". The key id lets master
// keys rotate: ENCRYPTION_KEYS lists kid:key pairs, the first encrypts, all decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

type Keyring = { current: string; keys: Map<string, Buffer> };

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const pair of spec.split(",")) {
    const [kid, b64] = pair.split(":");
    keys.set(kid, Buffer.from(b64, "base64"));
  }
  return { current: spec.split(",")[0].split(":")[0], keys };
}

let keyring: Keyring | undefined;
function defaultKeyring(): Keyring {
  keyring ??= parseKeyring(env().ENCRYPTION_KEYS);
  return keyring;
}

export function encrypt(plaintext: string, ring: Keyring = defaultKeyring()): string {
  const key = ring.keys.get(ring.current)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", ring.current, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

export function decrypt(ciphertext: string, ring: Keyring = defaultKeyring()): string {
  const [version, kid, iv, tag, data] = ciphertext.split(".");
  const key = ring.keys.get(kid);
  if (version !== "v1" || !key) throw new Error(`cannot decrypt: unknown key id "${kid}"`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

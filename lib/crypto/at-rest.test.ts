import { describe, expect, it } from "vitest";
import { decrypt, encrypt, parseKeyring } from "./at-rest";

const k1 = Buffer.alloc(32, 1).toString("base64");
const k2 = Buffer.alloc(32, 2).toString("base64");

describe("encryption at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const ring = parseKeyring(`k1:${k1}`);
    const c = encrypt("whsec_topsecret", ring);
    expect(c).not.toContain("topsecret");
    expect(c.startsWith("v1.k1.")).toBe(true);
    expect(decrypt(c, ring)).toBe("whsec_topsecret");
  });

  it("uses a fresh IV each time", () => {
    const ring = parseKeyring(`k1:${k1}`);
    expect(encrypt("same", ring)).not.toBe(encrypt("same", ring));
  });

  it("decrypts with an older key after the master key rotates", () => {
    const old = encrypt("slack-url", parseKeyring(`k1:${k1}`));
    const rotated = parseKeyring(`k2:${k2},k1:${k1}`);
    expect(decrypt(old, rotated)).toBe("slack-url");
    expect(encrypt("new", rotated).startsWith("v1.k2.")).toBe(true);
  });

  it("refuses tampered ciphertext and unknown key ids", () => {
    const ring = parseKeyring(`k1:${k1}`);
    const c = encrypt("value", ring);
    const parts = c.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decrypt(parts.join("."), ring)).toThrow();
    expect(() => decrypt(c, parseKeyring(`k9:${k1}`))).toThrow(/unknown key id/);
  });
});

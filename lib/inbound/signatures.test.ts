import { describe, expect, it } from "vitest";
import { basicAuthorization, hubSignature, verifyBasicAuth, verifyHubSignature } from "./signatures";

const body = Buffer.from('{"hello":"world"}');
const secret = "whsec_c2VjcmV0";

describe("hub signatures", () => {
  it("matches GitHub's documented test vector", () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    expect(hubSignature("It's a Secret to Everybody", "Hello, World!")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it.each([
    ["the right signature", hubSignature(secret, body), true],
    ["upper-case hex", hubSignature(secret, body).toUpperCase().replace("SHA256=", "sha256="), true],
    ["another secret", hubSignature("whsec_other", body), false],
    ["another body", hubSignature(secret, "{}"), false],
    ["sha1", "sha1=" + "0".repeat(40), false],
    ["no header", null, false],
    ["an empty header", "", false],
    ["a truncated digest", hubSignature(secret, body).slice(0, 20), false],
  ])("%s → %s", (_n, header, ok) => {
    expect(verifyHubSignature(secret, body, header)).toBe(ok);
  });
});

describe("basic auth", () => {
  const creds = { username: "ado-hook", password: "p:a:ss" };
  it.each([
    ["the right credentials", basicAuthorization("ado-hook", "p:a:ss"), true],
    ["a wrong password", basicAuthorization("ado-hook", "nope"), false],
    ["a wrong username", basicAuthorization("other", "p:a:ss"), false],
    ["a bearer token", "Bearer abc", false],
    ["no colon", `Basic ${Buffer.from("ado-hook").toString("base64")}`, false],
    ["no header", null, false],
  ])("%s → %s", (_n, header, ok) => {
    expect(verifyBasicAuth(creds, header)).toBe(ok);
  });
});

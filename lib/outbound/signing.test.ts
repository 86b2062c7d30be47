import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { secretKey, signatureHeaders } from "./signing";

const secretA = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
const secretB = `whsec_${Buffer.alloc(32, 2).toString("base64")}`;
const body = JSON.stringify({ id: "evt_1", type: "case.created", data: { é: "ünïcode" } });

describe("signatureHeaders", () => {
  it("is verified by the standardwebhooks package", () => {
    const ts = Math.floor(Date.now() / 1000);
    const h = signatureHeaders([secretA], "evt_1", ts, body);
    const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(ts), "webhook-signature": h["webhook-signature"] };
    expect(new Webhook(secretA).verify(body, headers)).toMatchObject({ id: "evt_1" });
  });

  it("carries one signature per secret so both verify during a rotation window", () => {
    const ts = Math.floor(Date.now() / 1000);
    const h = signatureHeaders([secretB, secretA], "evt_1", ts, body);
    expect(h["webhook-signature"].split(" ")).toHaveLength(2);
    const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(ts), "webhook-signature": h["webhook-signature"] };
    for (const s of [secretA, secretB]) expect(() => new Webhook(s).verify(body, headers)).not.toThrow();
    const third = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;
    expect(() => new Webhook(third).verify(body, headers)).toThrow();
  });

  it("signs the body alone as sha256=<hex> in x-switchyard-signature-256", () => {
    const h = signatureHeaders([secretA, secretB], "evt_1", 1, body);
    const expected = [secretA, secretB].map((s) => `sha256=${createHmac("sha256", secretKey(s)).update(body).digest("hex")}`);
    expect(h["x-switchyard-signature-256"]).toBe(expected.join(","));
  });

  it("changes when one byte of the body changes", () => {
    const a = signatureHeaders([secretA], "evt_1", 1, body);
    const b = signatureHeaders([secretA], "evt_1", 1, `${body} `);
    expect(a["webhook-signature"]).not.toBe(b["webhook-signature"]);
  });
});

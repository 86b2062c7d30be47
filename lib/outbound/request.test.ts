import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { envelopeBody } from "@/lib/events/envelope";
import { USER_AGENT, buildRequest, recordedRequestHeaders, type Target } from "./request";

const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
const envelope = { id: "evt_1", type: "case.created", created_at: "2026-05-15T10:20:30.000Z", project: { id: "prj_1", name: "Demo" }, data: { case: { id: "case_1", title: "T", url: "/c" } } };
const event = { id: envelope.id, type: envelope.type, body: envelopeBody(envelope) };
const generic: Target = { kind: "generic", url: "https://example.com/hook", secrets: [secret], headers: [{ name: "Authorization", value: "Bearer s3cret" }] };

describe("buildRequest", () => {
  it("signs exactly the stored body and sends it unchanged", () => {
    // Any bytes: a body is never re-serialised, so not even whitespace or key order may change.
    const stored = { ...event, body: '{"type":"case.created",  "id":"evt_1"}' };
    const r = buildRequest(generic, "dlv_1", stored, 1_700_000_000, "https://app");
    expect(r.body).toBe(stored.body);
    const wh = new Webhook(secret);
    const now = Date.now;
    Date.now = () => 1_700_000_000_000; // the verifier rejects stale timestamps
    try {
      expect(wh.verify(r.body, r.headers)).toEqual(JSON.parse(r.body));
    } finally {
      Date.now = now;
    }
  });

  it("sends the documented headers plus the custom ones", () => {
    const r = buildRequest(generic, "dlv_1", event, 1_700_000_000, "https://app");
    expect(r.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": "evt_1",
      "webhook-timestamp": "1700000000",
      "x-switchyard-event": "case.created",
      "x-switchyard-delivery": "dlv_1",
      Authorization: "Bearer s3cret",
    });
    expect(r.headers["x-switchyard-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("rebuilds an attempt's headers from its row: the same names and values as sent, signatures and custom values redacted", () => {
    const sent = buildRequest(generic, "dlv_1", event, 1_700_000_000, "https://app").headers;
    const recorded = recordedRequestHeaders("generic", ["Authorization"], { eventId: "evt_1", eventType: "case.created", deliveryId: "dlv_1" }, 1_700_000_000);
    expect(Object.keys(recorded)).toEqual(Object.keys(sent));
    const redacted = ["Authorization", "webhook-signature", "x-switchyard-signature-256"];
    for (const [name, value] of Object.entries(recorded)) expect(value).toBe(redacted.includes(name) ? "••••" : sent[name]);
    expect(JSON.stringify(recorded)).not.toContain("s3cret");
  });

  it("rebuilds a Slack attempt's headers: no signatures", () => {
    const slack: Target = { kind: "slack", url: "https://hooks.slack.com/services/T/B/x", secrets: [], headers: [] };
    const ids = { eventId: "evt_1", eventType: "case.created", deliveryId: "dlv_1" };
    expect(recordedRequestHeaders("slack", [], ids, 1)).toEqual(buildRequest(slack, "dlv_1", event, 1, "https://app").headers);
  });

  it("sends Slack a Block Kit message without signatures", () => {
    const r = buildRequest({ kind: "slack", url: "https://hooks.slack.com/services/T/B/x", secrets: [], headers: [] }, "dlv_1", event, 1, "https://app");
    expect(JSON.parse(r.body).blocks).toBeDefined();
    expect(r.headers["webhook-signature"]).toBeUndefined();
  });

  it("puts envelope keys in the documented order", () => {
    expect(envelopeBody(envelope)).toBe(event.body);
    expect(Object.keys(JSON.parse(envelopeBody({ data: {}, project: envelope.project, type: "t", id: "i", created_at: "c" } as never)))).toEqual([
      "id",
      "type",
      "created_at",
      "project",
      "data",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { inboundNotice, rejectionInWords, REJECTED_STREAK, type InboundStats, type Receipt } from "./inbound-health";

const now = new Date("2026-05-15T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
const rejected = (h: number, status = 401): Receipt => ({ outcome: "rejected", status, reason: "missing or invalid signature", at: hoursAgo(h) });
const applied = (h: number): Receipt => ({ outcome: "applied", status: 202, reason: null, at: hoursAgo(h) });

function stats(recent: Receipt[], lastAcceptedAt: Date | null, provider: InboundStats["provider"] = "github"): InboundStats {
  return { provider, lastReceivedAt: recent[0]?.at ?? null, lastAcceptedAt, last24h: {}, recent, lastRejection: recent.find((r) => r.outcome === "rejected") ?? null };
}

describe("inboundNotice", () => {
  it.each([
    { name: "no traffic at all", s: stats([], null), kind: null },
    { name: "accepted an hour ago", s: stats([applied(1)], hoursAgo(1)), kind: null },
    { name: "accepted 25 h ago, nothing since", s: stats([applied(25)], hoursAgo(25)), kind: "silent" },
    { name: "four refusals after an accepted one", s: stats([rejected(1), rejected(2), rejected(3), rejected(4), applied(5)], hoursAgo(5)), kind: null },
    { name: `${REJECTED_STREAK} refusals in a row`, s: stats([1, 2, 3, 4, 5].map((h) => rejected(h)), hoursAgo(30)), kind: "rejected" },
    { name: "refusals only, never accepted", s: stats([1, 2, 3, 4, 5].map((h) => rejected(h)), null), kind: "rejected" },
  ])("$name → $kind", ({ s, kind }) => {
    expect(inboundNotice(s, now)?.kind ?? null).toBe(kind);
  });

  it("says a signature mismatch usually means the tracker still has the old secret", () => {
    const notice = inboundNotice(stats([1, 2, 3, 4, 5].map((h) => rejected(h)), null, "jira"), now);
    expect(notice?.message).toMatch(/last 5 deliveries from Jira were all refused.*still signing with an old secret/);
  });
});

describe("rejectionInWords", () => {
  it.each([
    { provider: "github" as const, status: 401, words: /GitHub is probably still signing with an old secret/ },
    { provider: "azure_devops" as const, status: 401, words: /Basic credentials did not match/ },
    { provider: "jira" as const, status: 413, words: /larger than 5 MiB/ },
    { provider: "jira" as const, status: 400, words: /could not be read \(malformed: issue\.key: Required\)/ },
    { provider: "github" as const, status: 503, words: /GitHub retries/ },
  ])("$provider $status", ({ provider, status, words }) => {
    expect(rejectionInWords(provider, { status, reason: status === 400 ? "malformed: issue.key: Required" : null })).toMatch(words);
  });
});

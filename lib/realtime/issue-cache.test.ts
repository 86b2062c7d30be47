import { describe, expect, it } from "vitest";
import { applyToIssue, applyToList, type LiveIssue, type LiveIssueMessage } from "./issue-cache";

const issue = (id: string, updated_at: string, title = id): LiveIssue => ({ id, updated_at, title });
const msg = (kind: string, i: LiveIssue): LiveIssueMessage => ({ id: 1, kind, project_id: "prj", data: { issue: i } });

describe("applyToList", () => {
  const list = [issue("b", "2026-01-02T00:00:00Z"), issue("a", "2026-01-01T00:00:00Z")];
  it.each([
    ["a created issue goes first", msg("issue.created", issue("c", "2026-01-03T00:00:00Z")), ["c", "b", "a"]],
    ["an update replaces in place", msg("issue.updated", issue("a", "2026-01-05T00:00:00Z", "new")), ["b", "a"]],
    ["a delete removes", msg("issue.deleted", issue("b", "2026-01-02T00:00:00Z")), ["a"]],
  ])("%s", (_n, m, ids) => {
    expect(applyToList(list, m)!.map((i) => i.id)).toEqual(ids);
  });

  it("keeps the newer version when an older event is replayed", () => {
    const newer = [issue("a", "2026-02-01T00:00:00Z", "newer")];
    expect(applyToList(newer, msg("issue.updated", issue("a", "2026-01-01T00:00:00Z", "older")))![0].title).toBe("newer");
  });

  it("leaves an unloaded list alone", () => {
    expect(applyToList(undefined, msg("issue.created", issue("a", "x")))).toBeUndefined();
  });
});

describe("applyToIssue", () => {
  const a = issue("a", "2026-01-01T00:00:00Z");
  it.each([
    ["the same issue updated", a, msg("issue.updated", issue("a", "2026-01-02T00:00:00Z", "t2")), "t2"],
    ["another issue", a, msg("issue.updated", issue("z", "2026-01-02T00:00:00Z", "zz")), "a"],
  ])("%s", (_n, current, m, title) => {
    expect(applyToIssue(current, m)!.title).toBe(title);
  });

  it("becomes null when the issue is deleted", () => {
    expect(applyToIssue(a, msg("issue.deleted", a))).toBeNull();
  });
});

describe("merging an event into what the page shows", () => {
  it("keeps fields the event payload does not carry", () => {
    const shown = { ...issue("a", "2026-01-01T00:00:00Z"), synced_at: "2026-01-01T00:00:00Z" };
    const next = applyToIssue(shown, msg("issue.updated", issue("a", "2026-01-02T00:00:00Z", "new")));
    expect(next).toMatchObject({ title: "new", synced_at: "2026-01-01T00:00:00Z" });
  });
});

import { describe, expect, it } from "vitest";
import { applyToIssue, applyToPages, type LiveIssue, type LiveIssueMessage, type LoadedPages } from "./issue-cache";

// Created on day `d` of January; ids sort like their creation.
const issue = (id: string, d: number, updated = d, title = id): LiveIssue => ({
  id,
  title,
  created_at: `2026-01-${String(d).padStart(2, "0")}T00:00:00.000Z`,
  updated_at: `2026-02-${String(updated).padStart(2, "0")}T00:00:00.000Z`,
});
const msg = (kind: string, i: { id: string } & Partial<LiveIssue>): LiveIssueMessage => ({ id: 1, kind, project_id: "prj", data: { issue: i } });
const pages = (...p: Array<[LiveIssue[], string | null]>): LoadedPages<LiveIssue> => ({
  pages: p.map(([items, next_cursor]) => ({ items, next_cursor })),
  pageParams: p.map((_, k) => (k === 0 ? null : `c${k}`)),
});
const ids = (d: LoadedPages<LiveIssue> | undefined) => d!.pages.map((p) => p.items.map((i) => i.id));

describe("applyToPages", () => {
  // Two pages loaded (issues from days 9..6 and 5..4), more on the server.
  const loaded = pages([[issue("i9", 9), issue("i8", 8), issue("i6", 6)], "c1"], [[issue("i5", 5), issue("i4", 4)], "c2"]);

  it.each([
    ["a created issue goes first", msg("issue.created", issue("i10", 10)), [["i10", "i9", "i8", "i6"], ["i5", "i4"]]],
    ["an issue created in between goes in its place", msg("issue.created", issue("i7", 7)), [["i9", "i8", "i7", "i6"], ["i5", "i4"]]],
    ["an issue older than the loaded pages waits for Load more", msg("issue.updated", issue("i2", 2)), [["i9", "i8", "i6"], ["i5", "i4"]]],
    ["an update replaces in place", msg("issue.updated", issue("i5", 5, 20, "new")), [["i9", "i8", "i6"], ["i5", "i4"]]],
    ["a delete removes from its page", msg("issue.deleted", { id: "i8" }), [["i9", "i6"], ["i5", "i4"]]],
    ["a delete of an issue not loaded changes nothing", msg("issue.deleted", { id: "i1" }), [["i9", "i8", "i6"], ["i5", "i4"]]],
  ])("%s", (_n, m, expected) => {
    expect(ids(applyToPages(loaded, m))).toEqual(expected);
  });

  it("adds an older issue at the end once every page is loaded", () => {
    const all = pages([[issue("i9", 9)], "c1"], [[issue("i5", 5)], null]);
    expect(ids(applyToPages(all, msg("issue.updated", issue("i2", 2))))).toEqual([["i9"], ["i5", "i2"]]);
    expect(ids(applyToPages(pages([[], null]), msg("issue.created", issue("i1", 1))))).toEqual([["i1"]]);
  });

  it("keeps the newer version when an older event is replayed", () => {
    const newer = pages([[issue("a", 1, 9, "newer")], null]);
    expect(applyToPages(newer, msg("issue.updated", issue("a", 1, 2, "older")))!.pages[0].items[0].title).toBe("newer");
    expect(applyToPages(newer, msg("issue.updated", issue("a", 1, 10, "newest")))!.pages[0].items[0].title).toBe("newest");
  });

  it("keeps the cursors of the loaded pages", () => {
    expect(applyToPages(loaded, msg("issue.created", issue("i10", 10)))!.pages.map((p) => p.next_cursor)).toEqual(["c1", "c2"]);
  });

  it("leaves an unloaded list alone", () => {
    expect(applyToPages(undefined, msg("issue.created", issue("a", 1)))).toBeUndefined();
  });
});

describe("applyToIssue", () => {
  const a = issue("a", 1);
  it.each([
    ["the same issue updated", a, msg("issue.updated", issue("a", 1, 2, "t2")), "t2"],
    ["another issue", a, msg("issue.updated", issue("z", 1, 2, "zz")), "a"],
  ])("%s", (_n, current, m, title) => {
    expect(applyToIssue(current, m)!.title).toBe(title);
  });
  it("becomes null when the issue is deleted (the event carries only its id)", () => {
    expect(applyToIssue(a, msg("issue.deleted", { id: "a" }))).toBeNull();
  });
});

describe("merging an event into what the page shows", () => {
  it("keeps fields the event payload does not carry", () => {
    const shown = { ...issue("a", 1), synced_at: "2026-01-01T00:00:00Z" };
    const next = applyToIssue(shown, msg("issue.updated", issue("a", 1, 2, "new")));
    expect(next).toMatchObject({ title: "new", synced_at: "2026-01-01T00:00:00Z" });
  });
});

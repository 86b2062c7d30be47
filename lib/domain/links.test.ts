import { describe, expect, it } from "vitest";
import { appLink, httpLink, projectLink } from "./links";

describe("links back to the app", () => {
  it("are absolute, under APP_URL, with each segment encoded", () => {
    expect(projectLink("prj_1", "test-runs", "run_2")).toBe("http://localhost:3000/projects/prj_1/test-runs/run_2");
    expect(appLink("projects", "a b/c")).toBe("http://localhost:3000/projects/a%20b%2Fc");
  });
});

describe("httpLink", () => {
  it.each([
    ["https://tracker.example/PROJ-7", "https://tracker.example/PROJ-7"],
    ["http://localhost:8080/issues/1", "http://localhost:8080/issues/1"],
    ["javascript:alert(document.cookie)", null],
    ["JavaScript:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["vbscript:msgbox(1)", null],
    ["https://", null],
    ["not a url", null],
    ["ftp://files.example/x", null],
    [`https://x.example/${"a".repeat(2000)}`, null],
    [null, null],
  ])("%s → %s", (raw, expected) => expect(httpLink(raw)).toBe(expected));
});

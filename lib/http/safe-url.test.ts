import { describe, expect, it } from "vitest";
import { isHttpUrl, parseHttpUrl } from "./safe-url";

describe("an outside link (issue URL, tracker URL)", () => {
  it.each([
    ["https://tracker.example/PROJ-7", true],
    ["http://localhost:8080/issues/1", true],
    ["javascript:alert(document.cookie)", false],
    ["JavaScript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox(1)", false],
    ["https://", false],
    ["https://exa mple.com", false],
    ["not a url", false],
    ["ftp://files.example/x", false],
    ["https://user:pass@tracker.example/x", false],
    [`https://x.example/${"a".repeat(2000)}`, false],
  ])("%s → %s", (raw, ok) => expect(isHttpUrl(raw)).toBe(ok));

  it("is normalized by the URL parser and bounded after normalization", () => {
    expect(parseHttpUrl("HTTPS://Tracker.Example/a b")?.href).toBe("https://tracker.example/a%20b");
    expect(parseHttpUrl(`https://x.example/${" x".repeat(700)}`, 2000)).toBeNull(); // 1,418 characters, 2,818 once the spaces are encoded
  });
});

import { describe, expect, it } from "vitest";
import { isHttpUrl, parseHttpUrl } from "./safe-url";

describe("parseHttpUrl", () => {
  it.each([
    ["https://github.com/octo/repo/issues/1", "https://github.com/octo/repo/issues/1"],
    ["http://tfs.internal:8080/DefaultCollection/_workitems/edit/5", "http://tfs.internal:8080/DefaultCollection/_workitems/edit/5"],
    ["HTTPS://Acme.Atlassian.NET/browse/QA-1", "https://acme.atlassian.net/browse/QA-1"],
  ])("accepts %s", (raw, href) => {
    expect(parseHttpUrl(raw)?.href).toBe(href);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["vbscript:", "vbscript:msgbox(1)"],
    ["ftp:", "ftp://example.com/x"],
    ["no host", "https://"],
    ["a space in the host", "https://exa mple.com"],
    ["relative", "/browse/QA-1"],
    ["credentials", "https://user:pw@example.com/"],
    ["over 2,000 characters", `https://example.com/${"a".repeat(2000)}`],
    ["5 MiB", `https://example.com/${"a".repeat(5 * 1024 * 1024)}`],
    ["empty", ""],
  ])("refuses %s", (_name, raw) => {
    expect(parseHttpUrl(raw)).toBeNull();
    expect(isHttpUrl(raw)).toBe(false);
  });
});

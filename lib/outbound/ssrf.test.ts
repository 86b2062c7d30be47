import { describe, expect, it } from "vitest";
import { checkWebhookUrl, classifyAddress } from "./ssrf";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::a00:1", "private"], // NAT64 of 10.0.0.1
    ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
    ["not an ip", "reserved"],
  ])("%s is %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
});

describe("checkWebhookUrl", () => {
  const strict = { allowHttp: false, allowPrivateNetworks: false };
  it.each([
    "https://127.0.0.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::ffff:127.0.0.1]/hook",
    "https://0x7f000001/hook",
    "https://2130706433/hook",
    "https://0177.0.0.1/hook",
    "https://127.1/hook",
    "https://[::1]/hook",
    "https://10.0.0.5/hook",
    "http://example.com/hook",
    "ftp://example.com/hook",
    "https://user:pw@example.com/hook",
    "not a url",
  ])("refuses %s", (url) => {
    expect(checkWebhookUrl(url, strict).ok).toBe(false);
  });

  it.each(["https://example.com/hook", "https://8.8.8.8/x", "https://[2606:4700:4700::1111]/x"])("accepts %s", (url) => {
    expect(checkWebhookUrl(url, strict).ok).toBe(true);
  });

  it("allows http and private hosts only when the test-rig overrides are on", () => {
    const loose = { allowHttp: true, allowPrivateNetworks: true };
    expect(checkWebhookUrl("http://127.0.0.1:8080/x", loose).ok).toBe(true);
    expect(checkWebhookUrl("http://127.0.0.1:8080/x", { ...loose, allowHttp: false }).ok).toBe(false);
    expect(checkWebhookUrl("https://127.0.0.1:8080/x", { ...loose, allowPrivateNetworks: false }).ok).toBe(false);
  });

  it("names the kind of address it refused", () => {
    const r = checkWebhookUrl("https://169.254.169.254/", strict);
    expect(r.ok === false && r.reason).toMatch(/metadata/);
  });
});

import { describe, expect, it } from "vitest";
import { BlockedAddressError, checkWebhookUrl, classifyAddress, resolvePublic } from "./ssrf";

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
    // IPv4-compatible ::/96: refused whatever it carries, named by the IPv4's class when that is not public.
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::a9fe:a9fe", "metadata"], // 169.254.169.254
    ["::a00:1", "private"], // 10.0.0.1
    ["::808:808", "reserved"], // 8.8.8.8: public, but nothing routes ::/96 to it
    ["::2", "unspecified"], // 0.0.0.2
    // Other forms carrying an IPv4 address.
    ["::ffff:a9fe:a9fe", "metadata"], // IPv4-mapped
    ["::ffff:0:7f00:1", "loopback"], // SIIT (RFC 6145)
    ["::ffff:0:808:808", "public"],
    ["64:ff9b::a9fe:a9fe", "metadata"], // NAT64 of 169.254.169.254
    ["64:ff9b::808:808", "public"], // NAT64 of 8.8.8.8
    ["64:ff9b:1::808:808", "private"], // local-use NAT64 (RFC 8215): the operator's own network
    ["2002:a9fe:a9fe::1", "metadata"], // 6to4
    ["2002:808:808::1", "public"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "reserved"], // Teredo
    ["2606:4700::5efe:7f00:1", "loopback"], // ISATAP interface id
    ["2606:4700::200:5efe:a00:1", "private"],
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
    "https://[::127.0.0.1]/hook",
    "https://[::a9fe:a9fe]/latest/meta-data",
    "https://[::ffff:0:a9fe:a9fe]/hook",
    "https://[64:ff9b::7f00:1]/hook",
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

  it.each([
    ["https://169.254.169.254/", "a cloud metadata address"],
    ["https://[::a9fe:a9fe]/", "a cloud metadata address"],
    ["https://[::127.0.0.1]/", "a loopback address"],
    ["https://10.1.2.3/", "a private-network address"],
    ["https://[::8.8.8.8]/", "a reserved address"],
  ])("names the class of %s (%s), not the address", (url, cls) => {
    const r = checkWebhookUrl(url, strict);
    expect(r.ok === false && r.reason).toBe(`points to ${cls}; webhooks may only call public addresses`);
  });
});

describe("resolvePublic", () => {
  it("refuses a name that resolves to an internal address without saying which address", async () => {
    const err = await resolvePublic("localhost").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as Error).message).toBe('host "localhost" resolves to a loopback address; webhooks may only call public addresses');
    expect((err as Error).message).not.toMatch(/127\.0\.0\.1|::1/);
  });
});

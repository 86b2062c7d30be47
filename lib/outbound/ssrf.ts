// Server-side request forgery guard (DESIGN section 6): a webhook may only reach public unicast
// addresses. Checked when a URL is saved (host literal + DNS) and again on the resolved IP at
// connect time, so a DNS answer that changes after the check (rebinding) cannot reach inside.
import { lookup as dnsLookup } from "node:dns";
import ipaddr from "ipaddr.js";

export type AddressClass =
  | "public"
  | "private"
  | "loopback"
  | "link_local"
  | "metadata"
  | "cgnat"
  | "multicast"
  | "unspecified"
  | "reserved";

// Cloud instance-metadata endpoints; all are also link-local or private, but naming them makes
// the refusal message say what was at stake.
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"]);

/** What kind of address this is; only "public" may be called. Unparseable input is "reserved". */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(bare)) return "reserved";
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 it carries.
  const addr = ipaddr.process(bare);
  if (addr.kind() === "ipv4") return classifyIPv4(addr as ipaddr.IPv4);
  if (METADATA.has(addr.toNormalizedString()) || METADATA.has(addr.toString())) return "metadata";
  return classifyV6(addr as ipaddr.IPv6);
}

function classifyIPv4(addr: ipaddr.IPv4): AddressClass {
  return METADATA.has(addr.toString()) ? "metadata" : classifyV4(addr);
}

function classifyV4(addr: ipaddr.IPv4): AddressClass {
  switch (addr.range()) {
    case "unicast":
      return "public";
    case "private":
      return "private";
    case "loopback":
      return "loopback";
    case "linkLocal":
      return "link_local";
    case "carrierGradeNat":
      return "cgnat";
    case "multicast":
    case "broadcast":
      return "multicast";
    case "unspecified":
      return "unspecified";
    default:
      return "reserved";
  }
}

function embeddedV4(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/**
 * An address that carries an IPv4 address is judged by the IPv4 it leads to; where nothing maps it
 * to a public host it is refused even if the IPv4 is public ("reserved").
 */
function viaEmbedded(v4: ipaddr.IPv4, publicMeans: "public" | "reserved"): AddressClass {
  const cls = classifyIPv4(v4);
  return cls === "public" ? publicMeans : cls;
}

function classifyV6(addr: ipaddr.IPv6): AddressClass {
  const p = addr.parts;
  const range: string = addr.range();
  // Translation prefixes (NAT64, SIIT, 6to4) are routed to the IPv4 they embed: judge that address.
  if (range === "rfc6052" && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) return viaEmbedded(embeddedV4(p[6], p[7]), "public");
  if (range === "rfc6145") return viaEmbedded(embeddedV4(p[6], p[7]), "public");
  if (range === "6to4") return viaEmbedded(embeddedV4(p[1], p[2]), "public");
  // Local-use NAT64 (64:ff9b:1::/48, RFC 8215) translates into the operator's own network.
  if (p[0] === 0x64 && p[1] === 0xff9b) return "private";
  // IPv4-compatible ::/96 (deprecated; [::127.0.0.1] is [::7f00:1]), past :: and ::1 (matched below).
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 && range !== "unspecified" && range !== "loopback") {
    return viaEmbedded(embeddedV4(p[6], p[7]), "reserved");
  }
  // ISATAP interface ids (…:0:5efe:a.b.c.d, …:200:5efe:a.b.c.d) tunnel to the IPv4 they carry.
  if ((p[4] === 0 || p[4] === 0x200) && p[5] === 0x5efe) {
    const tunnelled = viaEmbedded(embeddedV4(p[6], p[7]), "public");
    if (tunnelled !== "public") return tunnelled;
  }
  switch (range) {
    case "unicast":
      return "public";
    case "uniqueLocal":
    case "deprecatedSiteLocal":
      return "private";
    case "loopback":
      return "loopback";
    case "linkLocal":
      return "link_local";
    case "multicast":
      return "multicast";
    case "unspecified":
      return "unspecified";
    default:
      return "reserved"; // teredo, ipv4Mapped leftovers, discard, documentation…
  }
}

export type UrlPolicy = { allowHttp: boolean; allowPrivateNetworks: boolean };

export type UrlCheck =
  | { ok: true; url: URL; hostname: string; ipLiteral: boolean }
  | { ok: false; reason: string };

/**
 * Pure checks on a webhook URL. The WHATWG URL parser already normalises the IPv4 spellings
 * attackers use (0x7f000001, 2130706433, 0177.0.0.1, 127.1) to dotted quads and bracketed IPv6 to
 * its canonical form, so the host we classify is the host that would be dialled.
 */
export function checkWebhookUrl(raw: string, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "is not a valid absolute URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "must use https://" };
  if (url.protocol === "http:" && !policy.allowHttp) return { ok: false, reason: "must use https:// (plain http:// is refused)" };
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials; use a custom header instead" };
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const ipLiteral = ipaddr.isValid(hostname);
  if (ipLiteral && !policy.allowPrivateNetworks) {
    const cls = classifyAddress(hostname);
    if (cls !== "public") return { ok: false, reason: `points to ${refusal(cls)}` };
  }
  // Hostnames (localhost included) are judged by what they resolve to: resolvePublic() at save time,
  // guardedLookup() at connect time.
  return { ok: true, url, hostname, ipLiteral };
}

/**
 * "a loopback address; webhooks may only call public addresses". It names the class, never the
 * address: a hostname's answer may be an internal IP the person asking should not learn.
 */
export function refusal(cls: AddressClass): string {
  const what: Record<AddressClass, string> = {
    public: "public",
    private: "a private-network",
    loopback: "a loopback",
    link_local: "a link-local",
    metadata: "a cloud metadata",
    cgnat: "a carrier-grade NAT",
    multicast: "a multicast or broadcast",
    unspecified: "an unspecified",
    reserved: "a reserved",
  };
  return `${what[cls]} address; webhooks may only call public addresses`;
}

export class BlockedAddressError extends Error {
  readonly code = "ESWITCHYARD_BLOCKED_ADDRESS";
}

type LookupAddress = { address: string; family: number };

/** Resolves a hostname and refuses it when ANY answer is non-public (a mixed answer is a rebinding trick). */
export async function resolvePublic(hostname: string): Promise<LookupAddress[]> {
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (err, list) => (err ? reject(err) : resolve(list))),
  );
  for (const a of addresses) {
    const cls = classifyAddress(a.address);
    if (cls !== "public") throw new BlockedAddressError(`host "${hostname}" resolves to ${refusal(cls)}`);
  }
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that re-checks the resolved IP at connect time; the socket then
 * connects to exactly the address that was checked. With private networks allowed it resolves plainly.
 */
export function guardedLookup(allowPrivateNetworks: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback): void => {
    const all = typeof options === "object" && options.all;
    const resolved = allowPrivateNetworks
      ? new Promise<LookupAddress[]>((res, rej) => dnsLookup(hostname, { all: true }, (e, l) => (e ? rej(e) : res(l))))
      : resolvePublic(hostname);
    resolved.then(
      (list) => (all ? callback(null, list) : callback(null, list[0].address, list[0].family)),
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}

// What an attempt keeps of the receiver's response headers, for the Deliveries drawer: the first
// MAX_RESPONSE_HEADERS headers, each value cut at MAX_HEADER_VALUE characters, cookies redacted (a
// receiver's session cookie is not ours to show). Receivers choose these headers, so all is capped.
import { REDACTED } from "./custom-headers";

export const MAX_RESPONSE_HEADERS = 30;
export const MAX_HEADER_VALUE = 256;
const MAX_HEADER_NAME = 64;
const SECRET_HEADERS = new Set(["set-cookie", "authorization", "proxy-authenticate", "www-authenticate"]);

/** undici's header object: one value, or several for a repeated header. */
export type RawResponseHeaders = Record<string, string | string[] | undefined>;

export function capResponseHeaders(headers: RawResponseHeaders | null | undefined): Record<string, string> | null {
  if (!headers) return null;
  const kept: Record<string, string> = {};
  let n = 0;
  for (const name in headers) {
    if (n >= MAX_RESPONSE_HEADERS) break;
    const raw = headers[name];
    if (raw === undefined) continue;
    const key = name.slice(0, MAX_HEADER_NAME).toLowerCase();
    const value = SECRET_HEADERS.has(key) ? REDACTED : (Array.isArray(raw) ? raw.join(", ") : raw);
    kept[key] = value.length > MAX_HEADER_VALUE ? `${value.slice(0, MAX_HEADER_VALUE)}…` : value;
    n++;
  }
  return kept;
}

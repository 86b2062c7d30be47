// Admin-defined headers sent with every delivery (up to 10). Values may carry credentials
// (Authorization, API keys), so they are stored encrypted and shown redacted; names that would
// override the headers we are responsible for are refused.
import { z } from "zod";

export const MAX_CUSTOM_HEADERS = 10;
export const REDACTED = "••••";

const RESERVED_EXACT = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "host",
  "user-agent",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "proxy-authorization",
  "proxy-connection",
]);
const RESERVED_PREFIXES = ["webhook-", "x-switchyard-", "proxy-", "sec-", ":"];

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function reservedHeaderReason(name: string): string | null {
  const n = name.toLowerCase();
  if (RESERVED_EXACT.has(n)) return `"${name}" is set by Switchyard and cannot be overridden`;
  const prefix = RESERVED_PREFIXES.find((p) => n.startsWith(p));
  return prefix ? `headers starting with "${prefix}" are reserved for Switchyard` : null;
}

export const customHeadersInput = z
  .array(
    z.object({
      name: z
        .string()
        .min(1, "header name is required")
        .max(100)
        .regex(TOKEN, "header name may only contain letters, digits and !#$%&'*+-.^_`|~")
        .superRefine((name, ctx) => {
          const reason = reservedHeaderReason(name);
          if (reason) ctx.addIssue({ code: "custom", message: reason });
        }),
      // No CR/LF: a header value must not smuggle another header.
      value: z.string().max(1000).regex(/^[^\r\n\0]*$/, "header value must be one line"),
    }),
  )
  .max(MAX_CUSTOM_HEADERS, `at most ${MAX_CUSTOM_HEADERS} custom headers`)
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const n = h.name.toLowerCase();
      if (seen.has(n)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${h.name}" appears twice` });
      seen.add(n);
    });
  });

export type CustomHeader = { name: string; value: string };
export type StoredCustomHeader = { name: string; valueCiphertext: string };

export function sealHeaders(headers: CustomHeader[], encrypt: (s: string) => string): StoredCustomHeader[] {
  return headers.map((h) => ({ name: h.name, valueCiphertext: encrypt(h.value) }));
}

export function openHeaders(stored: StoredCustomHeader[], decrypt: (s: string) => string): CustomHeader[] {
  return stored.map((h) => ({ name: h.name, value: decrypt(h.valueCiphertext) }));
}

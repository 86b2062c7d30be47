// Reading a JSON request body safely: the caller has already authenticated (DESIGN §5), the
// media type must be JSON, and at most MAX_JSON_BODY_BYTES are read while streaming, so a lying
// or absent Content-Length cannot make us buffer more. Strings PostgreSQL would refuse (NUL, lone
// surrogates) are refused here as bad input instead of surfacing as a 500 from the database.
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from "./errors";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;
const LIMIT_TEXT = "1 MiB";

/** `application/json` or a `+json` suffix type, with or without parameters (charset…). */
export function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";", 1)[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The first string (value or key) that PostgreSQL cannot store, as a JSON path, or undefined. */
export function findUnstorableString(value: unknown): string | undefined {
  // An explicit stack, not recursion: JSON.parse accepts nesting deeper than the call stack.
  const stack: Array<[unknown, string]> = [[value, "(body)"]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (!storable(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}.${i}`]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (!storable(k)) return path;
        stack.push([child, path === "(body)" ? k : `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

function storable(s: string): boolean {
  return !s.includes("\u0000") && s.isWellFormed();
}

/** The body's bytes, or null once more than `cap` bytes arrive (the rest is never read). */
export async function readUpTo(req: Request, cap: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads at most `limit` bytes of the body; more (declared or streamed) → 413. */
export async function readCapped(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const bytes = await readUpTo(req, limit);
  if (!bytes) throw tooLarge();
  return bytes;
}

function tooLarge() {
  return new PayloadTooLarge(`The request body is larger than ${LIMIT_TEXT}.`);
}

/** The request's JSON body as a plain value ({} when empty): 415 / 413 / 400 on anything else. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  if (contentType !== null && !isJsonMediaType(contentType)) throw unsupported();
  const bytes = await readCapped(req);
  if (!bytes.byteLength) return {};
  if (contentType === null) throw unsupported();
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new BadRequest("The request body is not valid JSON.");
  }
  const bad = findUnstorableString(raw);
  if (bad) throw new BadRequest(`${bad}: text may not contain NUL characters or unpaired UTF-16 surrogates.`, [{ path: bad, message: "invalid characters" }]);
  return raw;
}

function unsupported() {
  return new UnsupportedMediaType("Send the request body as JSON with Content-Type: application/json.");
}

// A cheap scan before JSON.parse: deeply nested input would make recursive consumers (zod,
// serializers, logs) blow the stack, so anything nested deeper than real tracker payloads is refused.
export const MAX_JSON_DEPTH = 64;

/** The maximum nesting depth of the JSON text, or Infinity once it passes `limit` (stops early). */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return Infinity;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseGuardedJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  if (jsonDepth(text, maxDepth) > maxDepth) return { ok: false, message: `JSON nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: "body is not valid JSON" };
  }
}

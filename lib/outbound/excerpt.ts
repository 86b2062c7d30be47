// The stored response excerpt of an attempt: at most EXCERPT_BYTES of UTF-8, cut on a character
// boundary. Decoding a prefix cut inside a character (or any invalid byte) yields U+FFFD, three bytes
// for as little as one: a naive 4,096-byte cut could store 4,098 (issue 11).
export const EXCERPT_BYTES = 4096;

/** The longest prefix of `bytes` that is whole UTF-8 characters and at most `max` bytes once stored. */
export function utf8Excerpt(bytes: Buffer, max = EXCERPT_BYTES): string {
  const text = cutOnBoundary(bytes, max).toString("utf8");
  const stored = Buffer.from(text, "utf8");
  // Invalid input decodes to U+FFFD and can grow; the re-encoded text is valid, so one more cut is exact.
  return stored.length <= max ? text : cutOnBoundary(stored, max).toString("utf8");
}

function cutOnBoundary(bytes: Buffer, max: number): Buffer {
  if (bytes.length <= max) return bytes;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) to the start of the character the cut falls in.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

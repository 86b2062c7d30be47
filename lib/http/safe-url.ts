// One check for URLs that arrive from outside and end up as links people click (a tracker's issue
// URL, an issue's external URL): fully parsed by the WHATWG parser, http(s) only, no credentials,
// bounded. Pure, so the JSON API's validation and the inbound adapters share it.
export const MAX_LINK_URL_LENGTH = 2000;

/** The normalized URL, or null when `raw` is not an absolute http(s) URL of at most `maxLength` characters. */
export function parseHttpUrl(raw: string, maxLength = MAX_LINK_URL_LENGTH): URL | null {
  // The length is checked before parsing, so a 5 MiB "URL" costs nothing.
  if (raw.length > maxLength) return null;
  const url = URL.parse(raw);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
  if (url.username || url.password) return null;
  // Normalization (punycode, percent-encoding) can lengthen it.
  return url.href.length <= maxLength ? url : null;
}

/** True for what parseHttpUrl accepts; for refinements (`z.string().refine(isHttpUrl)`). */
export function isHttpUrl(raw: string): boolean {
  return parseHttpUrl(raw) !== null;
}

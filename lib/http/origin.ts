// CSRF defence for cookie-authenticated requests: a browser attaches the session cookie to a form
// or fetch from any same-site origin (a sibling subdomain, another port), so an unsafe method is
// accepted only when the browser says it comes from this app. Bearer tokens are never attached by
// a browser on its own and need no such check.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** GET, HEAD, OPTIONS: methods that change nothing. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Why a cookie-authenticated request must be refused as cross-site, or undefined when it may go on. */
export function crossSiteRefusal(method: string, headers: Headers, appOrigins: readonly string[]): string | undefined {
  if (isSafeMethod(method)) return undefined;
  const site = headers.get("sec-fetch-site");
  // "none": the user started it (typed URL, bookmark); no other page can cause that value.
  if (site !== null && site !== "same-origin" && site !== "none") return `a ${site} request`;
  const origin = headers.get("origin");
  if (origin !== null && !appOrigins.includes(origin)) return `a request from ${origin.slice(0, 100)}`;
  // Neither header: not a browser (every current browser sends Origin on unsafe methods).
  return undefined;
}

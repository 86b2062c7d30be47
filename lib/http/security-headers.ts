// The security headers of every response (DESIGN §8). Pages get a nonce-based CSP with
// 'strict-dynamic' (Next.js puts the nonce it finds in the request's CSP on its own scripts, and
// scripts those load are trusted in turn); API responses are never documents, so they allow nothing.
// Styles stay 'unsafe-inline': React and radix set style attributes, and injected CSS cannot run code.

export type SecurityContext = { nonce: string; https: boolean; dev: boolean };

export function pageCsp({ nonce, https, dev }: SecurityContext): string {
  return [
    "default-src 'self'",
    // 'self' is for browsers without 'strict-dynamic' (CSP2), which then ignore it. React's
    // development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, whatever produced it (next.config.ts sets them). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/** Two years, subdomains included: only sent when the app's own URL is https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Pages, as opposed to API routes and Next's static files. */
export function isPagePath(pathname: string): boolean {
  return !pathname.startsWith("/api/") && !pathname.startsWith("/_next/");
}

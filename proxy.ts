// Runs before every page and API route but inbound receipts:
// - while the database is known to be unreachable, pages answer 503 + Retry-After at once (API routes
//   do the same in route()); otherwise a page would render Next's error page with a 500;
// - pages get a fresh CSP nonce (Next.js reads it from the request's Content-Security-Policy and puts
//   it on its scripts), the CSP itself, and signed-out visitors of signed-in pages are sent to
//   sign-in with the page as callbackUrl (a convenience: pages and handlers still authorize);
// - API responses get a CSP that allows nothing;
// - everything gets HSTS when APP_URL is https.
// Headers that never vary (nosniff, Referrer-Policy, X-Frame-Options) are set in next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { databaseAvailability } from "@/db/availability";
import { env } from "@/lib/env";
import { API_CSP, HSTS, isPagePath, pageCsp } from "@/lib/http/security-headers";
import { unavailable } from "@/lib/http/unavailable";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = ["/projects", "/settings"];

export function proxy(req: NextRequest) {
  const https = new URL(env().APP_URL).protocol === "https:";
  const isPage = isPagePath(req.nextUrl.pathname);
  const res = isPage ? page(req, https) : NextResponse.next();
  if (!isPage) res.headers.set("Content-Security-Policy", API_CSP);
  if (https) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

function page(req: NextRequest, https: boolean): Response {
  if (!databaseAvailability().reachable) return unavailable();
  const { pathname, search } = req.nextUrl;
  const inSignedInArea = SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  // next-auth may split a large session cookie into name.0, name.1, …
  const signedIn = req.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (inSignedInArea && !signedIn) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const csp = pageCsp({ nonce: btoa(crypto.randomUUID()), https, dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

// Not Next's static files or the icon; not inbound receipts (trackers are no browsers, and that
// path is the hot one: bench/inbound).
export const config = { matcher: ["/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico|api/webhooks/).*)"] };

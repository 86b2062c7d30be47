// Sends signed-out visitors of a page to sign-in with the page as callbackUrl, so they come back to
// where they were going. Only a convenience: authorization stays in the pages and route handlers.
// While the database is known to be unreachable, pages answer 503 + Retry-After at once (API routes
// do the same in route()); otherwise a page would render Next's error page with a 500.
import { NextResponse, type NextRequest } from "next/server";
import { databaseAvailability } from "@/db/availability";
import { unavailable } from "@/lib/http/unavailable";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

const SIGNED_IN_ONLY = ["/projects", "/settings"];

export function proxy(req: NextRequest) {
  if (!databaseAvailability().reachable) return unavailable();
  if (!SIGNED_IN_ONLY.some((p) => req.nextUrl.pathname === p || req.nextUrl.pathname.startsWith(`${p}/`))) return NextResponse.next();
  // next-auth may split a large session cookie into name.0, name.1, …
  const signedIn = req.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
}

// Every page (API routes answer for themselves; static assets need no database).
export const config = { matcher: ["/((?!api/|_next/|icon\\.svg|favicon\\.ico).*)"] };

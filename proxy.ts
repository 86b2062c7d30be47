// Sends signed-out visitors of a page to sign-in with the page as callbackUrl, so they come back to
// where they were going. Only a convenience: authorization stays in the pages and route handlers.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
  // next-auth may split a large session cookie into name.0, name.1, …
  const signedIn = req.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/projects/:path*", "/settings/:path*"] };

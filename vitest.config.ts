import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-postgres.ts"],
    setupFiles: ["tests/setup/worker-database.ts"],
    pool: "forks",
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlined, vite resolves it (tests/integration/sign-in-throttle.test.ts drives its real handlers).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

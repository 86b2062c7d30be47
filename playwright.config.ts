// Browser tests against `next build && next start` on a fresh embedded database, driving
// Debian's Chromium. The test server alone may call webhook receivers on http://127.0.0.1.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data-e2e";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && npx next build && npm start -- -p ${port}`,
    url: `http://localhost:${port}/api/healthz`,
    timeout: 600_000, // a production build on two busy cores can take minutes
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      SWITCHYARD_DATA_DIR: E2E_DATA_DIR,
      SEED_DEMO: "1",
      APP_URL: `http://localhost:${port}`,
      WEBHOOKS_ALLOW_HTTP: "1",
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "1",
      CRON_SECRET: "e2e-cron-secret-0123456789",
      // No periodic tracker sync: specs press Sync now and must see its effect alone.
      TRACKER_SYNC_MINUTES: "0",
    },
  },
});

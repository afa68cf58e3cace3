// Playwright runs against the release build in dist/, served by scripts/test.sh on a free port
// (BASE_URL). It uses Debian's Chromium: Playwright's own browser download is not reachable here.
const { defineConfig } = require("@playwright/test");

if (!process.env.BASE_URL) {
  throw new Error("BASE_URL is not set: run the end-to-end tests through `make test` or `make e2e`");
}

module.exports = defineConfig({
  testDir: "tests",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/report.json" }]],
  use: {
    baseURL: process.env.BASE_URL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});

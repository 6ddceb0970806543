import { defineConfig } from "@playwright/test";

// Run through `npm run test:e2e` (scripts/e2e.ts), which starts the real services
// and the built app and passes its address in E2E_BASE_URL.
export default defineConfig({
  testDir: "e2e",
  // Generous: an axe scan of a long page takes tens of seconds on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  // Tests that add data or take the index away run alone, after the rest, so
  // that no other test sees their changes.
  projects: [
    { name: "main", testIgnore: /zz-|curate/ },
    { name: "own-data", testMatch: /zz-translations/, dependencies: ["main"] },
    // Curators' specs add and change data: after the readers' specs, before the outage.
    { name: "curate-setup", testMatch: /curate\.setup\.ts/, dependencies: ["own-data"] },
    { name: "curate", testMatch: /curate-.*\.spec\.ts/, dependencies: ["curate-setup"] },
    { name: "outage", testMatch: /zz-search-outage/, dependencies: ["curate"] },
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
  },
});

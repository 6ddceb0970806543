import { defineConfig } from "vitest/config";
import path from "node:path";

// npm run test:shared-data: checks that need the development data beside the
// repository (../shared/data; SHARED_DIR, CORPUS_DIR). CI runs it after npm test.
// A missing file fails the check naming it; nothing here is skipped. None of
// these checks needs Postgres or Meilisearch yet: one that does adds
// globalSetup: ["tests/global-setup.ts"], as vitest.config.ts has.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/shared-data/**/*.test.ts"],
    environment: "node",
    testTimeout: 300_000,
  },
});

import { defineConfig } from "vitest/config";
import unitAndIntegration from "./vitest.config";

// npm run test:shared-data: checks that need the development data beside the
// repository (../shared/data; SHARED_DIR, CORPUS_DIR). CI runs it after npm test.
// A missing file fails the check naming it; nothing here is skipped. None of
// these checks needs Postgres or Meilisearch yet: one that does adds
// globalSetup: ["tests/global-setup.ts"], as vitest.config.ts has.
export default defineConfig({
  // The same module aliases as npm test.
  resolve: unitAndIntegration.resolve,
  test: {
    include: ["tests/shared-data/**/*.test.ts"],
    environment: "node",
    testTimeout: 300_000,
  },
});

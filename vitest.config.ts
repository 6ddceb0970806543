import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    // Fault tests break their own services: `npm run test:faults` (vitest.faults.config.ts).
    // Checks that read ../shared: `npm run test:shared-data` (vitest.shared-data.config.ts).
    exclude: ["tests/faults/**", "tests/shared-data/**", "**/node_modules/**"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// npm run test:e2e: Playwright in Debian's Chromium against the built app, on
// real embedded Postgres and Meilisearch of the run's own (own database and
// index), all stopped afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { createUser } from "@/lib/auth/users";
import { enrolWithSecret } from "@/lib/auth/two-factor";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { createMeiliClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { findFreePort, stopChild } from "@/lib/services/process-utils";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { createTestDatabase, startTestServices } from "../tests/support/test-services";
import { buildIsCurrent, runBuild } from "./lib/build";
import { startBuiltApp } from "./lib/next-server";
import { E2E_CURATORS } from "../e2e/support/curators";
import { readHostileFixture } from "../tests/support/hostile-fixture";

const require = createRequire(import.meta.url);
const services = await startTestServices();
let app: ChildProcess | null = null;
let code = 1;
try {
  const { databaseUrl, indexUid } = await createTestDatabase(services, "e2e");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const meili = createMeiliClient(services.meiliUrl, services.meiliKey, 60_000);
  await seedDemoData(pool);
  const fixtures = await readHostileFixture();
  await importBatch(pool, new ImportResolver(), fixtures);
  for (const curator of Object.values(E2E_CURATORS)) {
    const id = await createUser(pool, curator);
    // The admin has two-factor login with a known secret; the e2e login helper types its codes.
    if ("totpSecret" in curator) await enrolWithSecret(pool, id, curator.totpSecret);
  }
  await ensureStatementIndex(meili, indexUid);
  const ctx = { pool, meili, indexUid };
  await drainOutbox(ctx);
  await drainOutbox(ctx);
  await pool.end();

  if (!buildIsCurrent()) await runBuild();
  // Known to the tests, which check that it never reaches the browser.
  const authSecret = randomBytes(32).toString("base64url");
  const started = await startBuiltApp({
    port: await findFreePort(),
    env: {
      DATABASE_URL: databaseUrl,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliKey,
      MEILI_INDEX: indexUid,
      AUTH_SECRET: authSecret,
      // Every spec calls from 127.0.0.1: a limit per address must not make one spec fail another (the 429 test fills its own address).
      API_RATE_LIMIT_PER_MINUTE: "10000",
      // The specs play a proxy on 127.0.0.1: their X-Forwarded-For gives a request an address of its own
      // (e2e/api-v1.spec.ts); the untrusted mode is tested in tests/integration/client-addresses.test.ts.
      TRUSTED_PROXIES: "127.0.0.1",
    },
    stdio: "inherit",
  });
  app = started.child;
  const baseUrl = started.baseUrl;

  code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(path.dirname(require.resolve("@playwright/test/package.json")), "cli.js"),
        "test",
        ...process.argv.slice(2),
      ],
      {
        stdio: "inherit",
        env: {
          ...process.env,
          E2E_BASE_URL: baseUrl,
          E2E_DATABASE_URL: databaseUrl,
          E2E_MEILI_URL: services.meiliUrl,
          E2E_MEILI_KEY: services.meiliKey,
          E2E_MEILI_INDEX: indexUid,
          E2E_AUTH_SECRET: authSecret,
        },
      },
    );
    child.once("exit", (exitCode) => resolve(exitCode ?? 1));
  });
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  if (app) await stopChild(app, "SIGTERM");
  await services.stop();
}
process.exit(code);

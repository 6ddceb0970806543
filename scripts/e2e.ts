// npm run test:e2e: Playwright in Debian's Chromium against the built app, on
// real embedded Postgres and Meilisearch of the run's own (own database and
// index), all stopped afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { readLines } from "@/lib/import/read-lines";
import { createMeiliClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { findFreePort, stopChild } from "@/lib/services/process-utils";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { createTestDatabase, startTestServices } from "../tests/support/test-services";
import { buildIsCurrent, runBuild } from "./lib/build";

const require = createRequire(import.meta.url);
const services = await startTestServices();
let app: ChildProcess | null = null;
let code = 1;
try {
  const { databaseUrl, indexUid } = await createTestDatabase(services, "e2e");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const meili = createMeiliClient(services.meiliUrl, services.meiliKey, 60_000);
  await seedDemoData(pool);
  const fixtures: ImportLine[] = [];
  for await (const { line } of readLines(path.resolve("e2e/fixtures/hostile.jsonl"))) {
    const parsed = parseImportLine(line);
    if (!parsed.ok) throw new Error(`e2e fixture: ${parsed.reason}`);
    fixtures.push(parsed.value);
  }
  await importBatch(pool, new ImportResolver(), fixtures);
  await ensureStatementIndex(meili, indexUid);
  const ctx = { pool, meili, indexUid };
  await drainOutbox(ctx);
  await drainOutbox(ctx);
  await pool.end();

  if (!buildIsCurrent()) await runBuild();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliKey, MEILI_INDEX: indexUid },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the app did not start within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(path.dirname(require.resolve("@playwright/test/package.json")), "cli.js"), "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATABASE_URL: databaseUrl, E2E_MEILI_URL: services.meiliUrl, E2E_MEILI_KEY: services.meiliKey, E2E_MEILI_INDEX: indexUid },
    });
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

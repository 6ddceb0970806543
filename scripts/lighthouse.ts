// npm run lighthouse: Lighthouse (performance, accessibility, best practices,
// SEO) for the home, search, speaker and statement pages, in Debian's Chromium,
// against the built app on services of its own with the demo data.
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { createMeiliClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { findFreePort, stopChild } from "@/lib/services/process-utils";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { createTestDatabase, startTestServices } from "../tests/support/test-services";
import { lighthouseTable } from "./bench/lighthouse-scores";
import { buildIsCurrent, runBuild } from "./lib/build";
import { startBuiltApp } from "./lib/next-server";

const services = await startTestServices();
let app: ChildProcess | null = null;
try {
  const { databaseUrl, indexUid } = await createTestDatabase(services, "lighthouse");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const ctx = { pool, meili: createMeiliClient(services.meiliUrl, services.meiliKey, 60_000), indexUid };
  await seedDemoData(pool);
  await ensureStatementIndex(ctx.meili, indexUid);
  await drainOutbox(ctx);
  await drainOutbox(ctx);
  const merkel = (await pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = 'demo-aleppo-16'`))
    .rows[0]!.id;
  await pool.end();

  if (!buildIsCurrent()) await runBuild();
  const started = await startBuiltApp({
    port: await findFreePort(),
    env: {
      DATABASE_URL: databaseUrl,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliKey,
      MEILI_INDEX: indexUid,
    },
  });
  app = started.child;
  const base = started.baseUrl;

  const pages: Array<[string, string]> = [
    ["home", "/"],
    ["search", `/search?q=${encodeURIComponent("ميركل")}`],
    ["speaker", "/speakers/angela-merkel"],
    ["statement", `/statements/${merkel}`],
  ];
  const table = await lighthouseTable(base, pages);
  console.log("\nLighthouse (mobile emulation, simulated throttling), demo data:\n");
  console.log(table);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (app) await stopChild(app, "SIGTERM");
  await services.stop();
}

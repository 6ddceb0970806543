import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { migrateDatabase } from "@/lib/db/migrate";
import { startEmbeddedMeili } from "@/lib/services/meilisearch";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/services/postgres";
import { findFreePort } from "@/lib/services/process-utils";

// Real services for tests: a Postgres cluster and a Meilisearch of their own,
// on free ports, with data in a throwaway folder removed afterwards. Each test
// file then gets its own database (copied from a migrated template) and index.

export type TestServices = {
  adminUrl: string;
  templateDatabase: string;
  meiliUrl: string;
  meiliKey: string;
  dataDir: string;
  stop: () => Promise<void>;
};

export const TEMPLATE_DATABASE = "statements_test_template";

export async function startTestServices(): Promise<TestServices> {
  // Under the system's temporary folder: the Postgres server runs as the
  // `postgres` user, who must be able to reach its data folder whatever folder
  // the checkout is in.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statements-test-"));
  fs.chmodSync(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    portVariable: "test Postgres port",
  });
  let meili: Awaited<ReturnType<typeof startEmbeddedMeili>>;
  try {
    meili = await startEmbeddedMeili({ dataDir, port: await findFreePort(), portVariable: "test Meilisearch port" });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  await ensureDatabase(postgres.url("postgres"), TEMPLATE_DATABASE);
  await migrateDatabase(postgres.url(TEMPLATE_DATABASE));
  return {
    adminUrl: postgres.url("postgres"),
    templateDatabase: TEMPLATE_DATABASE,
    meiliUrl: meili.url,
    meiliKey: meili.masterKey,
    dataDir,
    stop: async () => {
      await meili.stop().catch(() => undefined);
      await postgres.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database and a fresh index name for one test file (or one e2e run). */
export async function createTestDatabase(services: Pick<TestServices, "adminUrl" | "templateDatabase">, label: string) {
  const name = `test_${label
    .replace(/[^a-z0-9]/gi, "_")
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(services.adminUrl, name, services.templateDatabase);
  const url = new URL(services.adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), indexUid: `${name}_statements` };
}

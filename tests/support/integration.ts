import { inject } from "vitest";
import pg from "pg";
import { createMeiliClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { createTestDatabase } from "./test-services";

/**
 * Gives a test file its own database and index on the run's real services, and
 * points the app's configuration (lib/env.ts) at them.
 */
export async function useTestEnvironment(label: string) {
  const services = inject("services");
  const { databaseUrl, indexUid } = await createTestDatabase(services, label);
  process.env.DATABASE_URL = databaseUrl;
  process.env.MEILI_URL = services.meiliUrl;
  process.env.MEILI_MASTER_KEY = services.meiliKey;
  process.env.MEILI_INDEX = indexUid;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  const meili = createMeiliClient(services.meiliUrl, services.meiliKey, 30_000);
  await ensureStatementIndex(meili, indexUid);
  return {
    pool,
    meili,
    indexUid,
    databaseUrl,
    services,
    ctx: { pool, meili, indexUid },
    close: async () => {
      await pool.end();
      const { closeDb } = await import("@/lib/db/client");
      await closeDb();
    },
  };
}

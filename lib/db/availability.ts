import pg from "pg";
import { appEnv } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/errors";

// A pool of its own for the availability check, so that the check never waits
// in line behind the pages' queries when the app is busy.
const holder = globalThis as unknown as { __statementsPingPool?: pg.Pool };

function pingPool(): pg.Pool {
  if (!holder.__statementsPingPool) {
    const pool = new pg.Pool({
      connectionString: appEnv().DATABASE_URL,
      max: 2,
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
    });
    pool.on("error", () => undefined);
    holder.__statementsPingPool = pool;
  }
  return holder.__statementsPingPool;
}

/** false when Postgres cannot be reached or is shutting down or starting; other errors are thrown. */
export async function databaseIsAvailable(): Promise<boolean> {
  try {
    await pingPool().query("SELECT 1");
    return true;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}

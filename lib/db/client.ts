import pg from "pg";
import { appEnv } from "@/lib/env";

/**
 * What a data-access function needs: the pool itself or a client inside a
 * transaction (see inTransaction in ./transaction.ts), so the same function
 * runs alone or as one step of a larger save.
 */
export type Queryable = Pick<pg.PoolClient, "query">;

type Holder = { pool: pg.Pool };

// One pool per process, kept on globalThis so that Next's hot reloads in
// development do not open a new pool on every edit.
const globalHolder = globalThis as unknown as { __statementsDb?: Holder };

export function createDatabase(url: string, max = 10): Holder {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server (Postgres restarted) must not crash the process.
  pool.on("error", () => undefined);
  return { pool };
}

/** The process's pool: taken by whatever starts a unit of work (a page's loader, a route handler, a script) and passed down. */
export function getPool(): pg.Pool {
  if (!globalHolder.__statementsDb) {
    const env = appEnv();
    globalHolder.__statementsDb = createDatabase(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalHolder.__statementsDb.pool;
}

export async function closeDb(): Promise<void> {
  const current = globalHolder.__statementsDb;
  globalHolder.__statementsDb = undefined;
  await current?.pool.end();
}

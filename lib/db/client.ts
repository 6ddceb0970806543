import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { appEnv } from "@/lib/env";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
type Holder = { pool: pg.Pool; db: Database };

// One pool per process, kept on globalThis so that Next's hot reloads in
// development do not open a new pool on every edit.
const globalHolder = globalThis as unknown as { __statementsDb?: Holder };

export function createDatabase(url: string, max = 10): Holder {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server (Postgres restarted) must not crash the process.
  pool.on("error", () => undefined);
  return { pool, db: drizzle(pool, { schema }) };
}

export function getDb(): Database {
  return holder().db;
}

export function getPool(): pg.Pool {
  return holder().pool;
}

function holder(): Holder {
  if (!globalHolder.__statementsDb) {
    const env = appEnv();
    globalHolder.__statementsDb = createDatabase(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalHolder.__statementsDb;
}

export async function closeDb(): Promise<void> {
  const current = globalHolder.__statementsDb;
  globalHolder.__statementsDb = undefined;
  await current?.pool.end();
}

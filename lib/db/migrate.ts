import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { fillTextKeys } from "./text-keys";

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, "migrations");

/** Applies the SQL migrations under lib/db/migrations, then fills what SQL cannot compute (idempotent). */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await fillTextKeys(client);
  } finally {
    await client.end();
  }
}

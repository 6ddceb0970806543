import type { SearchClient } from "@/lib/search/client";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { createMeiliClient } from "@/lib/search/client";
import { LaunchError } from "@/lib/services/process-utils";
import { startServiceStack, type ServiceStack } from "@/lib/services/stack";

export type CliContext = { pool: pg.Pool; meili: SearchClient; indexUid: string; stack: ServiceStack };

/** Loads .env like Next does, so the commands and the app see the same settings. */
export function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env: the defaults apply
  }
}

/**
 * Runs a command against the app's Postgres and Meilisearch: the external ones
 * when configured, the embedded ones otherwise (adopting them when `npm start`
 * is running, starting them for the command's duration when it is not).
 */
export async function runWithServices(
  name: string,
  command: (ctx: CliContext) => Promise<number | void>,
): Promise<never> {
  loadDotEnv();
  let stack: ServiceStack | null = null;
  let pool: pg.Pool | null = null;
  let code = 0;
  const interrupt = () => {
    process.stderr.write(`\n${name}: interrupted, stopping…\n`);
    void cleanup().then(() => process.exit(130));
  };
  async function cleanup() {
    await pool?.end().catch(() => undefined);
    pool = null;
    await stack?.stop().catch(() => undefined);
    stack = null;
  }
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    stack = await startServiceStack(process.env);
    process.env.DATABASE_URL = stack.databaseUrl;
    process.env.MEILI_URL = stack.meiliUrl;
    process.env.MEILI_MASTER_KEY = stack.meiliKey;
    await migrateDatabase(stack.databaseUrl);
    pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
    pool.on("error", () => undefined);
    const indexUid = process.env.MEILI_INDEX ?? "statements";
    code =
      (await command({ pool, meili: createMeiliClient(stack.meiliUrl, stack.meiliKey, 60_000), indexUid, stack })) ?? 0;
  } catch (error) {
    code = 1;
    if (error instanceof LaunchError) process.stderr.write(`${name}: ${error.message}\n`);
    else process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } finally {
    await cleanup();
  }
  process.exit(code);
}

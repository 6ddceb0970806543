import path from "node:path";
import { startEmbeddedMeili } from "./meilisearch";
import { startEmbeddedPostgres } from "./postgres";

/**
 * Where the app's Postgres and Meilisearch are. DATABASE_URL, MEILI_URL and
 * MEILI_MASTER_KEY select external servers; otherwise embedded ones are started
 * (or adopted, when already running on the same data folder).
 */
export type ServiceStack = {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  embedded: { postgres: boolean; meilisearch: boolean };
  describe: () => string[];
  /** Stops what this stack started (or adopted, with `includeAdopted`), search first, database last. */
  stop: (options?: { includeAdopted?: boolean }) => Promise<void>;
};

export const DEFAULT_DATABASE_NAME = "statements";

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? ".data");
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a TCP port (1–65535), got "${raw}".`);
  return port;
}

export async function startServiceStack(env: NodeJS.ProcessEnv = process.env): Promise<ServiceStack> {
  const dir = dataDir(env);
  const stops: Array<{ stop: () => Promise<void>; startedHere: boolean }> = [];
  const lines: string[] = [];

  let databaseUrl = env.DATABASE_URL;
  try {
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: dir,
        port: portFrom(env, "EMBEDDED_PG_PORT", 54329),
        portVariable: "EMBEDDED_PG_PORT",
        database: DEFAULT_DATABASE_NAME,
      });
      stops.unshift({ stop: postgres.stop, startedHere: postgres.startedHere });
      databaseUrl = postgres.url(DEFAULT_DATABASE_NAME);
      lines.push(`Postgres: embedded, data in ${path.join(dir, "postgres")}, port ${postgres.port}`);
    } else {
      lines.push("Postgres: external (DATABASE_URL)");
    }

    let meiliUrl = env.MEILI_URL;
    let meiliKey = env.MEILI_MASTER_KEY ?? "";
    if (!meiliUrl) {
      const meili = await startEmbeddedMeili({
        dataDir: dir,
        port: portFrom(env, "EMBEDDED_MEILI_PORT", 7701),
        portVariable: "EMBEDDED_MEILI_PORT",
      });
      stops.unshift({ stop: meili.stop, startedHere: meili.startedHere });
      meiliUrl = meili.url;
      meiliKey = meili.masterKey;
      lines.push(
        `Meilisearch: embedded (${meili.binary.origin}: ${meili.binary.path}), data in ${path.join(dir, "meili")}, ${meili.url}`,
      );
    } else {
      lines.push(`Meilisearch: external (${meiliUrl})`);
    }

    return {
      databaseUrl,
      meiliUrl,
      meiliKey,
      embedded: { postgres: !env.DATABASE_URL, meilisearch: !env.MEILI_URL },
      describe: () => lines,
      stop: async (options = {}) => {
        for (const entry of stops) {
          if (entry.startedHere || options.includeAdopted) await entry.stop();
        }
      },
    };
  } catch (error) {
    for (const entry of stops) if (entry.startedHere) await entry.stop().catch(() => undefined);
    throw error;
  }
}

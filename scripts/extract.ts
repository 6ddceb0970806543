// npm run extract -- --lang ar|de|en --published YYYY-MM-DD [--speakers FILE.json] FILE
// Without --speakers, the known speakers come from the app's database when there
// is one: DATABASE_URL, else the embedded Postgres (adopted when `npm start` runs,
// started for this run when its data folder exists). stdout is the JSON contract.
import fs from "node:fs";
import path from "node:path";
import { runCliWithDatabase, type DatabaseLocator } from "@/lib/extract/cli";
import { DEFAULT_DATABASE_NAME, dataDir } from "@/lib/services/stack";
import { loadDotEnv } from "./lib/cli";

loadDotEnv();

let release: (() => Promise<void>) | null = null;
process.once("SIGINT", () => {
  void (release?.() ?? Promise.resolve()).finally(() => process.exit(130));
});

const locate: DatabaseLocator = async () => {
  const env = process.env;
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, label: "DATABASE_URL", release: async () => undefined };
  const dir = dataDir(env);
  if (!fs.existsSync(path.join(dir, "postgres", "PG_VERSION"))) return null;
  const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`EMBEDDED_PG_PORT must be a TCP port (1–65535), got "${env.EMBEDDED_PG_PORT}"`);
  const { startEmbeddedPostgres } = await import("@/lib/services/postgres");
  const embedded = await startEmbeddedPostgres({
    dataDir: dir,
    port,
    portVariable: "EMBEDDED_PG_PORT",
    database: DEFAULT_DATABASE_NAME,
  });
  release = embedded.startedHere ? embedded.stop : async () => undefined;
  return { url: embedded.url(DEFAULT_DATABASE_NAME), label: `embedded Postgres in ${dir}`, release };
};

process.exitCode = await runCliWithDatabase(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
  locate,
);

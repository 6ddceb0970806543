// npm start: the whole app on one command. Starts (or uses the external)
// Postgres and Meilisearch, applies migrations, loads the demo data into an
// empty database, builds when the build is missing or stale, serves the app,
// and on Ctrl-C / SIGTERM stops the app, Meilisearch and Postgres in that order.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { createMeiliClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { LaunchError, assertPortFree, stopChild } from "@/lib/services/process-utils";
import { firstAdminSetupLink } from "@/lib/auth/setup-token";
import { persistentSecret } from "@/lib/services/secrets";
import { dataDir, startServiceStack, type ServiceStack } from "@/lib/services/stack";
import { isDatabaseEmpty, seedDemoData } from "@/lib/seed/demo";
import { buildIsCurrent, runBuild } from "./lib/build";
import { loadDotEnv } from "./lib/cli";
import { appServerCommand } from "./lib/next-server";

loadDotEnv();
const port = Number(process.env.PORT ?? 3000);
let stack: ServiceStack | null = null;
let app: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (app) await stopChild(app, "SIGTERM", 15_000);
    // The launcher owns the embedded servers, even ones it adopted from a killed run.
    await stack
      ?.stop({ includeAdopted: true })
      .catch((error) => console.error(`Could not stop a service cleanly: ${String(error)}`));
  }
  process.exit(code);
}

process.on("SIGINT", () => {
  console.log("\nStopping the app, Meilisearch and Postgres…");
  void shutdown(0);
});
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new LaunchError(`PORT must be a TCP port (1–65535), got "${process.env.PORT}".`);
  await assertPortFree(port, "the app", "PORT");

  stack = await startServiceStack(process.env);
  for (const line of stack.describe()) console.log(line);
  await migrateDatabase(stack.databaseUrl);

  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  let setupLink: string | null = null;
  try {
    await ensureStatementIndex(
      createMeiliClient(stack.meiliUrl, stack.meiliKey, 60_000),
      process.env.MEILI_INDEX ?? "statements",
    );
    if (await isDatabaseEmpty(pool)) {
      const seeded = await seedDemoData(pool);
      console.log(`Loaded the demo data: ${seeded.statements} statements by ${seeded.speakers} speakers.`);
    }
    // While no account exists: a one-time link (valid 24 h) to create the first admin.
    setupLink = await firstAdminSetupLink(pool, { port, publicUrl: process.env.PUBLIC_URL });
  } finally {
    await pool.end();
  }

  if (!buildIsCurrent()) {
    console.log("Building the app (only when the code changed since the last build)…");
    await runBuild();
  }

  // Our server in front of Next's handler: client addresses from the socket and TRUSTED_PROXIES, HSTS under https.
  const server = appServerCommand(port);
  app = spawn(server.command, server.args, {
    cwd: server.cwd,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: stack.databaseUrl,
      MEILI_URL: stack.meiliUrl,
      MEILI_MASTER_KEY: stack.meiliKey,
      ...authEnvironment(),
    },
  });
  app.once("exit", (code) => {
    if (!stopping) {
      console.error(`The app stopped unexpectedly (exit code ${code}).`);
      void shutdown(code || 1);
    }
  });
  await waitForApp(`http://127.0.0.1:${port}/api/health`);
  console.log(`\nReady: open http://localhost:${port}  (Ctrl-C stops the app, Meilisearch and Postgres)`);
  if (setupLink)
    console.log(
      `Create the first admin: ${setupLink}\n  (valid 24 hours, once; or run: npm run user:create -- --email you@example.org --role admin)`,
    );
}

/** Session signing secret (made once under DATA_DIR unless set) and where next-auth takes the site's address from. */
function authEnvironment(): Record<string, string> {
  const env: Record<string, string> = {
    AUTH_SECRET: process.env.AUTH_SECRET ?? persistentSecret(dataDir(process.env), "auth-secret"),
  };
  // With a public address configured, next-auth builds its links from it; otherwise from the request's Host.
  if (process.env.PUBLIC_URL) env.NEXTAUTH_URL = process.env.PUBLIC_URL;
  else env.AUTH_TRUST_HOST = "true";
  return env;
}

async function waitForApp(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) throw new LaunchError(`The app did not answer on ${url} within 2 minutes.`);
}

main().catch(async (error) => {
  if (error instanceof LaunchError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await shutdown(1);
});

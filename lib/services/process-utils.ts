import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import fs from "node:fs";

/** A one-line problem the launcher explains to the user instead of a stack trace. */
export class LaunchError extends Error {
  override name = "LaunchError";
}

/** Resolves true when nothing listens on host:port. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

/** Asks the OS for a free TCP port (used by tests so that runs never collide). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new LaunchError(
      `Port ${port} is already in use, so ${what} cannot start: stop whatever uses it or set ${variable} to another port.`,
    );
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Sends a signal and waits for the process to exit, escalating to SIGKILL after the grace period. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Waits for a pid that is not our child (a stale server from an earlier run) to exit. */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(100);
  }
  return !isProcessAlive(pid);
}

/** Stops a server we did not spawn (adopted from an earlier run) and waits for it to exit. */
export async function stopPid(pid: number, signal: NodeJS.Signals, graceMs = 30_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, signal);
  if (!(await waitForPidExit(pid, graceMs))) {
    process.kill(pid, "SIGKILL");
    await waitForPidExit(pid, 5_000);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readPidFile(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Spawns a server in its own process group: a Ctrl-C in the terminal then reaches
 * only the launcher, which stops the servers in order (app, search, database).
 */
export function spawnServer(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; logFile: string },
): ChildProcess {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", log, log],
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
  });
  fs.closeSync(log);
  return child;
}

export function tailOfFile(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");

/**
 * The command that serves the built app: our server (scripts/lib/app-server.ts,
 * Next's handler behind the trusted-client-address logic), not `next start`.
 * Run from the project folder, TypeScript loaded by tsx.
 */
export function appServerCommand(port: number, hostname?: string): { command: string; args: string[]; cwd: string } {
  const args = [
    "--import",
    pathToFileURL(require.resolve("tsx/esm")).href,
    path.join(PROJECT_DIR, "scripts/lib/app-server.ts"),
    "--port",
    String(port),
  ];
  if (hostname) args.push("--hostname", hostname);
  return { command: process.execPath, args, cwd: PROJECT_DIR };
}

/**
 * Runs the built app (scripts/lib/app-server.ts) on 127.0.0.1:port with the
 * given services and waits until /api/health answers. Used by the e2e runner,
 * the benchmark, the Lighthouse run and the fault and integration tests.
 */
export async function startBuiltApp(options: {
  port: number;
  env: {
    DATABASE_URL: string;
    MEILI_URL: string;
    MEILI_MASTER_KEY: string;
    MEILI_INDEX: string;
    AUTH_SECRET?: string;
    API_RATE_LIMIT_PER_MINUTE?: string;
    APP_PROCESSES?: string;
    MERGE_CANDIDATE_JOB?: "on" | "off";
    TRUSTED_PROXIES?: string;
    PUBLIC_URL?: string;
  };
  stdio?: "inherit" | "ignore";
}): Promise<{ child: ChildProcess; baseUrl: string }> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server = appServerCommand(options.port, "127.0.0.1");
  const child = spawn(server.command, server.args, {
    cwd: server.cwd,
    stdio: ["ignore", options.stdio ?? "ignore", options.stdio ?? "ignore"],
    // A run without a given AUTH_SECRET gets a fresh one: its sessions end with it.
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      ...options.env,
    },
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the app did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl };
}

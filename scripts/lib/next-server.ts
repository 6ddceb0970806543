import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Runs the built app (`next start`) on 127.0.0.1:port with the given services
 * and waits until /api/health answers. Used by the e2e runner, the benchmark
 * and the Lighthouse run.
 */
export async function startBuiltApp(options: {
  port: number;
  env: { DATABASE_URL: string; MEILI_URL: string; MEILI_MASTER_KEY: string; MEILI_INDEX: string; AUTH_SECRET?: string; API_RATE_LIMIT_PER_MINUTE?: string };
  stdio?: "inherit" | "ignore";
}): Promise<{ child: ChildProcess; baseUrl: string }> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(options.port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", options.stdio ?? "ignore", options.stdio ?? "ignore"],
    // A run without a given AUTH_SECRET gets a fresh one: its sessions end with it.
    env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", ...options.env },
  });
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the app did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl };
}

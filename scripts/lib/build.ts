import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// `npm start` builds only when no build exists or the code changed since the
// build: a hash of the sources is kept beside the build.
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const HASH_FILE = path.join(".next", "source-hash");

function collect(entry: string, files: string[]) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(entry).sort()) collect(path.join(entry, child), files);
  } else if (!/\.test\.tsx?$/.test(entry)) {
    files.push(entry);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const entry of SOURCES) collect(entry, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(HASH_FILE, "utf8").trim() === sourceHash();
  } catch {
    return false;
  }
}

export async function runBuild(): Promise<void> {
  const hash = sourceHash();
  const require = createRequire(import.meta.url);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit code ${code}).`);
  fs.writeFileSync(HASH_FILE, hash);
}

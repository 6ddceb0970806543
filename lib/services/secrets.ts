import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A random secret made once and kept under dataDir (readable by its owner only), for local runs without configuration. */
export function persistentSecret(dataDir: string, name: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

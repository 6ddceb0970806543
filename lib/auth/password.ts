import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane):
// about 30 ms here, slow enough to make a stolen hash costly to crack.
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id (a const enum the build cannot import) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_RULES = { minLength: 12, maxLength: 200 } as const;

/** null when acceptable, else the rule it breaks (for a message that names the field). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_RULES.minLength) return `must be at least ${PASSWORD_RULES.minLength} characters`;
  if (password.length > PASSWORD_RULES.maxLength) return `must be at most ${PASSWORD_RULES.maxLength} characters`;
  if (password.trim() === "") return "must not be only spaces";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A real hash of a random password: verifying against it when the account does
// not exist costs the same time, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_RULES.maxLength) return false;
  if (!storedHash) {
    decoyHash ??= hashPassword(randomBytes(18).toString("base64url"));
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A password for "generate and show once": 24 characters from 18 random bytes. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

// argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane):
// about 30 ms here, slow enough to make a stolen hash costly to crack.
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Argon2id (a const enum the build cannot import) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_RULES = { minLength: 12, maxLength: 200 } as const;

/** The lowest zxcvbn score (0–4) a new password may have: 3 is "safely unguessable" (about 10^8 guesses and up). */
export const MIN_PASSWORD_SCORE = 3;

export const COMMON_PASSWORD_MESSAGE =
  "is too easy to guess: it is a common password or made of common passwords, words or patterns (such as password1234); choose a longer phrase of unrelated words";

// zxcvbn-ts with its language-independent lists (about 30,000 common passwords,
// the diceware words, keyboard patterns), all offline; built on first use.
let estimator: ZxcvbnFactory | undefined;

function guessability(password: string): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password).score;
}

/** null when acceptable, else the rule it breaks (for a message that names the field). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_RULES.minLength) return `must be at least ${PASSWORD_RULES.minLength} characters`;
  if (password.length > PASSWORD_RULES.maxLength) return `must be at most ${PASSWORD_RULES.maxLength} characters`;
  if (password.trim() === "") return "must not be only spaces";
  if (guessability(password) < MIN_PASSWORD_SCORE) return COMMON_PASSWORD_MESSAGE;
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

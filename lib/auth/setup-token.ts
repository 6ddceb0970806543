import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/transaction";
import { createUser, newUserProblems } from "./users";

// The first admin of a fresh installation. While no user exists, `npm start`
// prints a one-time link /setup?token=…; the token itself is never stored,
// only its SHA-256, so a copy of the database does not open the door.

export const SETUP_TOKEN_HOURS = 24;

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function userCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users`);
  return rows[0]!.count;
}

/** A fresh token valid for SETUP_TOKEN_HOURS (the caller shows it once). */
export async function createSetupToken(db: Queryable): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.query(`INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, now() + make_interval(hours => $2))`, [
    hashSetupToken(token),
    SETUP_TOKEN_HOURS,
  ]);
  // Expired tokens say nothing any more.
  await db.query(`DELETE FROM setup_tokens WHERE expires_at < now() - interval '7 days'`);
  return token;
}

/**
 * When no user exists: creates a token and returns the link that opens the
 * first-admin form (PUBLIC_URL when set, else localhost:port). Null otherwise.
 */
export async function firstAdminSetupLink(
  db: Queryable,
  options: { port: number; publicUrl?: string },
): Promise<string | null> {
  if ((await userCount(db)) > 0) return null;
  const token = await createSetupToken(db);
  const base = (options.publicUrl ?? `http://localhost:${options.port}`).replace(/\/+$/, "");
  return `${base}/setup?token=${token}`;
}

export type SetupTokenState = "valid" | "unknown" | "used" | "expired" | "users-exist";

/** What the setup page should say about a token, without claiming it. */
export async function setupTokenState(db: Queryable, token: string): Promise<SetupTokenState> {
  if (!token || token.length > 200) return "unknown";
  const { rows } = await db.query<{ used: boolean; expired: boolean }>(
    `SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM setup_tokens WHERE token_hash = $1`,
    [hashSetupToken(token)],
  );
  const row = rows[0];
  if (!row) return "unknown";
  if (row.used) return "used";
  if (row.expired) return "expired";
  if ((await userCount(db)) > 0) return "users-exist";
  return "valid";
}

/** Why a claim was refused: the setup page and POST /api/setup answer these with a 4xx. */
export class SetupTokenError extends Error {
  constructor(
    readonly state: Exclude<SetupTokenState, "valid">,
    message: string,
  ) {
    super(message);
  }
}

export const SETUP_TOKEN_MESSAGES: Record<Exclude<SetupTokenState, "valid">, string> = {
  unknown: "This setup link is not valid. Run `npm start` again for a new one, or `npm run user:create`.",
  used: "This setup link was already used. Log in, or ask an admin for an account.",
  expired: "This setup link has expired. Restart `npm start` for a new one, or use `npm run user:create`.",
  "users-exist": "An admin already exists. Log in, or ask an admin for an account.",
};

/**
 * Claims a setup token: in one transaction, checks that the token is unused
 * and unexpired and that no user exists yet, creates the admin and marks the
 * token used. The token row is locked (two claims of one token wait for each
 * other) and so is the users table against inserts (two tokens claimed at
 * once, or a `user:create` at the same moment, cannot both make an admin).
 */
export async function claimSetupToken(
  pool: pg.Pool,
  input: { token: string; email: string; name: string; password: string },
): Promise<number> {
  if (!input.token || input.token.length > 200) throw new SetupTokenError("unknown", SETUP_TOKEN_MESSAGES.unknown);
  const problems = newUserProblems({ ...input, role: "admin" });
  if (problems.length > 0) throw new ValidationError(problems);
  return inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ used: boolean; expired: boolean }>(
      `SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM setup_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hashSetupToken(input.token)],
    );
    const row = rows[0];
    if (!row) throw new SetupTokenError("unknown", SETUP_TOKEN_MESSAGES.unknown);
    if (row.used) throw new SetupTokenError("used", SETUP_TOKEN_MESSAGES.used);
    if (row.expired) throw new SetupTokenError("expired", SETUP_TOKEN_MESSAGES.expired);
    // SHARE ROW EXCLUSIVE conflicts with itself and with every INSERT/UPDATE: the count below stays true until commit.
    await tx.query(`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`);
    if ((await userCount(tx)) > 0) throw new SetupTokenError("users-exist", SETUP_TOKEN_MESSAGES["users-exist"]);
    const id = await createUser(
      tx,
      { email: input.email, name: input.name, role: "admin", password: input.password },
      null,
    );
    await tx.query(`UPDATE setup_tokens SET used_at = now() WHERE token_hash = $1`, [hashSetupToken(input.token)]);
    return id;
  });
}

import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";

// Login throttling, counted in Postgres so that it holds across app instances.
// Failures are counted over a sliding window, per account and per client
// address. The account limit only lasts until its oldest failure leaves the
// window, so an attacker can hold a curator's account for at most
// WINDOW_MINUTES; a success from an address clears that account's failures.
//
// beginLoginAttempt records each attempt as a failure *before* the password
// is checked, under a per-account and per-address lock, so that parallel
// guesses cannot all pass the check before any of them is counted; a success
// then takes its own rows back (loginAttemptSucceeded).
//
// The account key is Postgres's lower() of the email, the same lower() the
// user lookup uses: JavaScript's toLowerCase() differs from it ("İ" becomes
// "i̇" in JavaScript, "i" in Postgres), which gave one account many counters.

export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 8,
  maxFailuresPerAddress: 30,
} as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** An attempt recorded by beginLoginAttempt: its rows, taken back when it succeeds. */
export type LoginAttempt = { email: string; failureIds: number[] };

export type AttemptDecision = { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

// The two lock spaces (pg_advisory_xact_lock's first key) keep an account key
// and an address key from ever sharing a lock; taken account first, then address.
const ACCOUNT_LOCK = 0x4c_4f_47_41; // "LOGA"
const ADDRESS_LOCK = 0x4c_4f_47_49; // "LOGI"

/** The failures counted now against this account and this address, as a decision. */
async function currentDecision(db: Queryable, email: string, address: string): Promise<ThrottleDecision> {
  const { rows } = await db.query<{ scope: string; failures: number; oldest: Date | null }>(
    `SELECT scope, count(*)::int AS failures, min(failed_at) AS oldest
       FROM login_failures
      WHERE failed_at > now() - make_interval(mins => $3)
        AND ((scope = 'account' AND key = lower($1)) OR (scope = 'address' AND key = $2))
      GROUP BY scope`,
    [email.trim(), address, LOGIN_THROTTLE.windowMinutes],
  );
  let retryAfterSeconds = 0;
  for (const row of rows) {
    const limit = row.scope === "account" ? LOGIN_THROTTLE.maxFailuresPerAccount : LOGIN_THROTTLE.maxFailuresPerAddress;
    if (row.failures < limit || !row.oldest) continue;
    const freeAt = row.oldest.getTime() + LOGIN_THROTTLE.windowMinutes * 60_000;
    retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((freeAt - Date.now()) / 1000));
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/**
 * Whether a login would be allowed now, without recording anything. Only for
 * showing the state: a check that gates a password verification must use
 * beginLoginAttempt, or parallel requests all pass it before any is counted.
 */
export async function loginAllowed(db: Queryable, email: string, address: string): Promise<ThrottleDecision> {
  return currentDecision(db, email, address);
}

/**
 * Decides and records one attempt atomically: while the account and the
 * address are locked, either refuses (recording nothing, so hammering a locked
 * account does not extend the lock) or counts the attempt as a failure and
 * allows it. Call loginAttemptSucceeded when the password (or code) was right.
 */
export async function beginLoginAttempt(pool: pg.Pool, email: string, address: string): Promise<AttemptDecision> {
  const decision = await inTransaction(pool, async (tx): Promise<AttemptDecision> => {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext(lower($2)))`, [ACCOUNT_LOCK, email.trim()]);
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ADDRESS_LOCK, address]);
    const now = await currentDecision(tx, email, address);
    if (!now.allowed) return now;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO login_failures (scope, key) VALUES ('account', lower($1)), ('address', $2) RETURNING id`,
      [email.trim(), address],
    );
    return { allowed: true, attempt: { email, failureIds: rows.map((r) => Number(r.id)) } };
  });
  await dropOldFailures(pool);
  return decision;
}

/**
 * The attempt was right: its own rows go, and (at login) so do the account's
 * earlier failures. The password check on the account screen keeps them.
 */
export async function loginAttemptSucceeded(
  db: Queryable,
  attempt: LoginAttempt,
  options: { clearAccount?: boolean } = {},
): Promise<void> {
  await db.query(
    `DELETE FROM login_failures WHERE id = ANY($2::bigint[]) OR ($3 AND scope = 'account' AND key = lower($1))`,
    [attempt.email.trim(), attempt.failureIds, options.clearAccount ?? true],
  );
}

/** Counts a failure after the fact (for checks that did not go through beginLoginAttempt). */
export async function recordLoginFailure(db: Queryable, email: string, address: string): Promise<void> {
  await db.query(`INSERT INTO login_failures (scope, key) VALUES ('account', lower($1)), ('address', $2)`, [
    email.trim(),
    address,
  ]);
  await dropOldFailures(db);
}

/** Clears the account's failures. */
export async function recordLoginSuccess(db: Queryable, email: string): Promise<void> {
  await db.query(`DELETE FROM login_failures WHERE scope = 'account' AND key = lower($1)`, [email.trim()]);
}

// Old rows say nothing any more; drop them now and then rather than in a cron.
async function dropOldFailures(db: Queryable): Promise<void> {
  if (Math.random() < 0.05) await db.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
}

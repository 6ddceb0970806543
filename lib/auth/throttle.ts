import type pg from "pg";

// Login throttling, counted in Postgres so that it holds across app instances.
// Failures are counted over a sliding window, per account and per client
// address. The account limit only lasts until its oldest failure leaves the
// window, so an attacker can hold a curator's account for at most
// WINDOW_MINUTES; a success from an address clears that account's failures.

export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 8,
  maxFailuresPerAddress: 30,
} as const;

type Queryable = Pick<pg.Pool, "query">;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function loginAllowed(db: Queryable, email: string, address: string): Promise<ThrottleDecision> {
  const { rows } = await db.query<{ scope: string; failures: number; oldest: Date | null }>(
    `SELECT scope, count(*)::int AS failures, min(failed_at) AS oldest
       FROM login_failures
      WHERE failed_at > now() - make_interval(mins => $3)
        AND ((scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2))
      GROUP BY scope`,
    [accountKey(email), address, LOGIN_THROTTLE.windowMinutes],
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

export async function recordLoginFailure(db: Queryable, email: string, address: string): Promise<void> {
  await db.query(
    `INSERT INTO login_failures (scope, key) VALUES ('account', $1), ('address', $2)`,
    [accountKey(email), address],
  );
  // Old rows say nothing any more; drop them now and then rather than in a cron.
  if (Math.random() < 0.05) await db.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
}

export async function recordLoginSuccess(db: Queryable, email: string): Promise<void> {
  await db.query(`DELETE FROM login_failures WHERE scope = 'account' AND key = $1`, [accountKey(email)]);
}

import type pg from "pg";
import { verifyPassword } from "./password";
import { beginLoginAttempt, loginAttemptSucceeded } from "./throttle";

// The password step of a login (next-auth's `authorize` in options.ts): the
// attempt is counted before the password is checked (lib/auth/throttle.ts),
// so that parallel guesses cannot get past the limit.

export type LoginUserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  session_version: number;
  disabled: boolean;
  two_factor: boolean;
};

export type PasswordLoginResult =
  | { ok: true; user: LoginUserRow }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Checks an email and password. `verify` is the password check (tests count its calls). */
export async function checkPasswordLogin(
  pool: pg.Pool,
  input: { email: string; password: string; address: string },
  verify: (storedHash: string | null, password: string) => Promise<boolean> = verifyPassword,
): Promise<PasswordLoginResult> {
  const decision = await beginLoginAttempt(pool, input.email, input.address);
  if (!decision.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  const { rows } = await pool.query<LoginUserRow>(
    `SELECT id, email, name, role, password_hash, session_version, disabled,
            EXISTS (SELECT 1 FROM user_two_factor f WHERE f.user_id = users.id AND f.enabled_at IS NOT NULL) AS two_factor
       FROM users WHERE lower(email) = lower($1)`,
    [input.email.trim()],
  );
  const user = rows[0];
  // Verified even without an account (against a decoy hash), so that timing does not tell which emails exist.
  const valid = await verify(user?.password_hash ?? null, input.password);
  // A wrong password stays counted: beginLoginAttempt recorded it already.
  if (!user || !valid || user.disabled) return { ok: false, reason: "wrong" };
  // With two-factor login, the account's earlier failures (wrong codes too) stay until the code step
  // succeeds (lib/auth/two-factor.ts): else each right password would buy a fresh set of code guesses.
  await loginAttemptSucceeded(pool, decision.attempt, { clearAccount: !user.two_factor });
  await pool.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [user.id]);
  return { ok: true, user };
}

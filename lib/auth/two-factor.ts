import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import QRCode from "qrcode";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeRevision } from "@/lib/db/revisions";
import { inTransaction } from "@/lib/db/transaction";
import type { Role } from "./roles";
import { beginLoginAttempt, loginAttemptSucceeded } from "./throttle";

// Two-factor login for curators: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as
// every authenticator app reads it) plus ten one-time recovery codes.
// Required for admins, optional for editors. The password step leaves a
// short-lived "pending" session (lib/auth/options.ts); the code step here
// completes it (lib/auth/two-factor-session.ts).

export const TOTP_SETTINGS = {
  issuer: "Statements tracker",
  algorithm: "SHA1",
  digits: 6,
  period: 30,
  window: 1,
} as const;
/** How long the password step's pending session may wait for its code (or the enrolment). */
export const PENDING_LOGIN_SECONDS = 10 * 60;
export const RECOVERY_CODE_COUNT = 10;
/** A pending secret older than this is replaced by a fresh one when the enrolment page opens again. */
const PENDING_SECRET_HOURS = 24;
/** Recovery codes: 16 letters and digits without look-alikes (80 bits), shown in groups of four. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export type MfaState = "pending" | "enrol" | "done";

/** Admins must have two-factor login; editors may. */
export function twoFactorRequired(role: Role): boolean {
  return role === "admin";
}

function totp(secret: string, label = ""): TOTP {
  return new TOTP({
    issuer: TOTP_SETTINGS.issuer,
    label,
    algorithm: TOTP_SETTINGS.algorithm,
    digits: TOTP_SETTINGS.digits,
    period: TOTP_SETTINGS.period,
    secret: Secret.fromBase32(secret),
  });
}

/** The code of `secret` at `timestamp` (for tests and the e2e login helper). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return totp(secret).generate({ timestamp });
}

/** The time step a valid code belongs to, or null: the current step and one either side (clock drift). */
export function matchingStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp, window: TOTP_SETTINGS.window });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_SETTINGS.period, timestamp }) + delta;
}

/** The code as typed, without spaces; a ValidationError naming `field` unless it is six digits. */
export function normalizeTotpCode(raw: unknown, field = "code"): string {
  if (raw !== undefined && raw !== null && typeof raw !== "string")
    throw new ValidationError([{ field, message: "must be text: the 6 digits your authenticator app shows" }]);
  if (typeof raw !== "string" || raw.trim() === "")
    throw new ValidationError([{ field, message: "is required: the 6-digit code your authenticator app shows" }]);
  const code = raw.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code))
    throw new ValidationError([{ field, message: "must be the 6 digits your authenticator app shows" }]);
  return code;
}

export function normalizeRecoveryCode(raw: string): string {
  return raw.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code), "utf8").digest("hex");
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const letters = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return letters.match(/.{4}/g)!.join("-");
  });
}

// --- status ----------------------------------------------------------------------

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number };

export async function twoFactorStatus(db: Queryable, userId: number): Promise<TwoFactorStatus> {
  const { rows } = await db.query<{ enabled_at: Date | null; left: number }>(
    `SELECT enabled_at, cardinality(recovery_code_hashes) AS left FROM user_two_factor WHERE user_id = $1`,
    [userId],
  );
  const row = rows[0];
  return {
    enabled: Boolean(row?.enabled_at),
    enabledAt: row?.enabled_at ?? null,
    recoveryCodesLeft: row?.enabled_at ? row.left : 0,
  };
}

/** The ids of the users who have two-factor login (for the users screen). */
export async function twoFactorEnabledUserIds(db: Queryable): Promise<Set<number>> {
  const { rows } = await db.query<{ user_id: number }>(
    `SELECT user_id FROM user_two_factor WHERE enabled_at IS NOT NULL`,
  );
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Null when a session may create API tokens; else why not. Where the user has
 * two-factor login, only a session that passed its second step may (a session
 * from before the enrolment does not): a stolen password alone cannot mint a
 * token that would bypass the code at every later request.
 */
export async function tokenCreationProblem(
  db: Queryable,
  userId: number,
  sessionMfa: MfaState | undefined,
): Promise<string | null> {
  if (sessionMfa === "done") return null;
  const status = await twoFactorStatus(db, userId);
  if (!status.enabled) return null;
  return "Creating an API token needs a session that passed the two-factor step: log out and log in again with your code.";
}

// --- enrolment ------------------------------------------------------------------------

export type Enrolment = { secret: string; uri: string; qrCodeDataUrl: string };

/**
 * The secret the enrolment page shows (as a QR code and as text) until a
 * first code confirms it. Opening the page again shows the same secret, so a
 * reload after scanning does not invalidate what the app already holds.
 * Null when the user already has two-factor login.
 */
export async function beginEnrolment(db: Queryable, user: { id: number; email: string }): Promise<Enrolment | null> {
  const fresh = new Secret({ size: 20 }).base32;
  const { rows } = await db.query<{ pending_secret: string | null; enabled_at: Date | null }>(
    `INSERT INTO user_two_factor (user_id, pending_secret, pending_created_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE
        SET pending_secret = CASE WHEN user_two_factor.enabled_at IS NOT NULL THEN NULL
                                  WHEN user_two_factor.pending_created_at > now() - make_interval(hours => $3) THEN user_two_factor.pending_secret
                                  ELSE EXCLUDED.pending_secret END,
            pending_created_at = CASE WHEN user_two_factor.enabled_at IS NOT NULL THEN NULL
                                      WHEN user_two_factor.pending_created_at > now() - make_interval(hours => $3) THEN user_two_factor.pending_created_at
                                      ELSE now() END
     RETURNING pending_secret, enabled_at`,
    [user.id, fresh, PENDING_SECRET_HOURS],
  );
  const row = rows[0]!;
  if (row.enabled_at || !row.pending_secret) return null;
  const uri = totp(row.pending_secret, user.email).toString();
  // An SVG made here, shown as an <img> data URL: no script, nothing fetched at run time.
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    secret: row.pending_secret,
    uri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`,
  };
}

/**
 * Confirms the pending secret with a first valid code: two-factor login is on
 * from now, the code's time step counts as used, and the recovery codes are
 * returned to be shown once (only their hashes are kept).
 */
export async function confirmEnrolment(
  pool: pg.Pool,
  userId: number,
  rawCode: unknown,
): Promise<{ recoveryCodes: string[] }> {
  const code = normalizeTotpCode(rawCode);
  return inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ pending_secret: string | null; enabled_at: Date | null }>(
      `SELECT pending_secret, enabled_at FROM user_two_factor WHERE user_id = $1 FOR UPDATE`,
      [userId],
    );
    const row = rows[0];
    if (row?.enabled_at)
      throw new ValidationError([
        { field: "code", message: "is not needed: two-factor login is already on for this account" },
      ]);
    if (!row?.pending_secret)
      throw new ValidationError([
        { field: "code", message: "cannot be checked: open the enrolment page again for a new secret" },
      ]);
    const step = matchingStep(row.pending_secret, code);
    if (step === null)
      throw new ValidationError([
        {
          field: "code",
          message: "is wrong: type the code your app shows for this secret now (check the phone's clock)",
        },
      ]);
    const recoveryCodes = generateRecoveryCodes();
    await tx.query(
      `UPDATE user_two_factor SET secret = pending_secret, enabled_at = now(), last_used_step = $2, pending_secret = NULL, pending_created_at = NULL,
              recovery_code_hashes = $3 WHERE user_id = $1`,
      [userId, step, recoveryCodes.map(hashRecoveryCode)],
    );
    await writeRevision(tx, {
      entityType: "user",
      entityId: userId,
      version: await nextUserRevision(tx, userId),
      action: "two_factor_enrol",
      userId,
      changes: { twoFactor: ["off", "on"] },
    });
    return { recoveryCodes };
  });
}

/** Turns two-factor login on with a known secret, without the page (`npm run test:e2e` fixtures). */
export async function enrolWithSecret(
  db: Queryable,
  userId: number,
  secret: string,
  recoveryCodes: string[] = [],
): Promise<void> {
  await db.query(
    `INSERT INTO user_two_factor (user_id, secret, enabled_at, recovery_code_hashes) VALUES ($1, $2, now(), $3)
     ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, enabled_at = now(), last_used_step = NULL,
            pending_secret = NULL, pending_created_at = NULL, recovery_code_hashes = EXCLUDED.recovery_code_hashes`,
    [userId, secret, recoveryCodes.map(hashRecoveryCode)],
  );
}

async function nextUserRevision(tx: Queryable, userId: number): Promise<number> {
  const { rows } = await tx.query<{ next: number }>(
    `SELECT coalesce(max(version), 0) + 1 AS next FROM revisions WHERE entity_type = 'user' AND entity_id = $1`,
    [userId],
  );
  return rows[0]!.next;
}

/**
 * An admin removes another user's enrolment (a lost phone and no recovery
 * code left): their sessions end, and at their next login an admin enrols
 * again at once, an editor may.
 */
export async function resetTwoFactor(pool: pg.Pool, targetId: number, actorId: number): Promise<void> {
  if (targetId === actorId)
    throw new ValidationError([
      { field: "id", message: "cannot be your own account: another admin resets your two-factor login" },
    ]);
  await inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ session_version: number }>(
      `SELECT session_version FROM users WHERE id = $1 FOR UPDATE`,
      [targetId],
    );
    const user = rows[0];
    if (!user) throw new NotFoundError(`There is no user ${targetId}.`);
    const removed = await tx.query(`DELETE FROM user_two_factor WHERE user_id = $1 RETURNING enabled_at`, [targetId]);
    const wasOn = Boolean(removed.rows[0]?.enabled_at);
    if (!wasOn) throw new ValidationError([{ field: "id", message: "has no two-factor login to reset" }]);
    await tx.query(`UPDATE users SET session_version = session_version + 1, updated_at = now() WHERE id = $1`, [
      targetId,
    ]);
    await writeRevision(tx, {
      entityType: "user",
      entityId: targetId,
      version: await nextUserRevision(tx, targetId),
      action: "two_factor_reset",
      userId: actorId,
      changes: { twoFactor: ["on", "off"], sessionVersion: [user.session_version, user.session_version + 1] },
    });
  });
}

// --- the second step at login -------------------------------------------------------------

export type SecondStepInput = { code?: unknown; recoveryCode?: unknown };

/** Why a code was refused: the route answers 400 naming the field, or 429 when throttled. */
export class SecondStepError extends Error {
  constructor(
    readonly status: 400 | 429,
    readonly field: "code" | "recoveryCode",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * Checks the second step: a TOTP code (refused when its time step or a later
 * one was already used: a code seen over a shoulder cannot be replayed) or a
 * recovery code (removed as it is used). The login throttle covers this step
 * as it does the password: each attempt is counted before the code is checked
 * (parallel guesses cannot pass the limit), and stays counted, for the account
 * and the address, when the code is wrong. The account's failures are cleared
 * only here, after the second step, never by the password step alone (or each
 * password login would buy a fresh set of guesses; lib/auth/login.ts).
 */
export async function verifySecondStep(
  pool: pg.Pool,
  account: { userId: number; email: string; address: string },
  input: SecondStepInput,
): Promise<{ method: "totp" | "recovery"; recoveryCodesLeft?: number }> {
  const useRecovery = input.recoveryCode !== undefined && input.recoveryCode !== null && input.recoveryCode !== "";
  const field = useRecovery ? "recoveryCode" : "code";
  let code: string;
  if (useRecovery) {
    if (typeof input.recoveryCode !== "string") throw new ValidationError([{ field, message: "must be text" }]);
    code = normalizeRecoveryCode(input.recoveryCode);
    if (!/^[a-z0-9]{16}$/.test(code))
      throw new ValidationError([
        { field, message: "must be one of your recovery codes: 16 letters and digits, such as abcd-efgh-jkmn-pqrs" },
      ]);
  } else {
    code = normalizeTotpCode(input.code);
  }
  const decision = await beginLoginAttempt(pool, account.email, account.address);
  if (!decision.allowed) {
    const minutes = Math.ceil(decision.retryAfterSeconds / 60);
    throw new SecondStepError(
      429,
      field,
      `was wrong too many times; try again in ${minutes} minutes`,
      decision.retryAfterSeconds,
    );
  }
  const { rows } = await pool.query<{ secret: string | null }>(
    `SELECT secret FROM user_two_factor WHERE user_id = $1 AND enabled_at IS NOT NULL`,
    [account.userId],
  );
  const secret = rows[0]?.secret;
  if (!secret) {
    await loginAttemptSucceeded(pool, decision.attempt, { clearAccount: false });
    throw new SecondStepError(400, field, "cannot be checked: this account has no two-factor login (log in again)");
  }

  if (useRecovery) {
    // One statement: two requests with the same code cannot both remove it.
    const used = await pool.query<{ left: number }>(
      `UPDATE user_two_factor SET recovery_code_hashes = array_remove(recovery_code_hashes, $2)
        WHERE user_id = $1 AND $2 = ANY (recovery_code_hashes) RETURNING cardinality(recovery_code_hashes) AS left`,
      [account.userId, hashRecoveryCode(code)],
    );
    if (!used.rows[0]) throw new SecondStepError(400, field, "is wrong or was already used");
    await loginAttemptSucceeded(pool, decision.attempt);
    return { method: "recovery", recoveryCodesLeft: used.rows[0].left };
  }

  const step = matchingStep(secret, code);
  if (step === null) throw new SecondStepError(400, field, "is wrong: type the code your authenticator app shows now");
  // Only a later step than the last one used: the same code twice (a replay) is refused.
  const claimed = await pool.query(
    `UPDATE user_two_factor SET last_used_step = $2 WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`,
    [account.userId, step],
  );
  if (claimed.rowCount === 0) {
    // Not a guess (the code was right), so its attempt is taken back.
    await loginAttemptSucceeded(pool, decision.attempt, { clearAccount: false });
    throw new SecondStepError(400, field, "was already used: wait for the next code (a new one every 30 seconds)");
  }
  await loginAttemptSucceeded(pool, decision.attempt);
  return { method: "totp" };
}

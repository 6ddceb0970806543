import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeRevision } from "@/lib/db/revisions";
import { inTransaction } from "@/lib/db/transaction";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { ROLES, type Role } from "./roles";
import { beginLoginAttempt, loginAttemptSucceeded } from "./throttle";
import { endAllUserSessions } from "./user-sessions";

// Curator accounts: used by the users screen, `npm run user:create` and the first-admin setup link.

export const USER_LIMITS = { emailMaxLength: 320, nameMaxLength: 200 } as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type NewUser = { email: string; name: string; role: string; password: string };

/** Checks a new account's fields; every problem names its field. */
export function newUserProblems(input: NewUser): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const email = input.email.trim();
  if (!email) problems.push({ field: "email", message: "is required" });
  else if (email.length > USER_LIMITS.emailMaxLength)
    problems.push({ field: "email", message: `must be at most ${USER_LIMITS.emailMaxLength} characters` });
  else if (!EMAIL_PATTERN.test(email))
    problems.push({ field: "email", message: "must be an email address such as name@example.org" });
  const name = input.name.trim();
  if (name.length > USER_LIMITS.nameMaxLength)
    problems.push({ field: "name", message: `must be at most ${USER_LIMITS.nameMaxLength} characters` });
  if (!ROLES.includes(input.role as Role))
    problems.push({ field: "role", message: `must be one of ${ROLES.join(", ")}` });
  const password = passwordProblem(input.password);
  if (password) problems.push({ field: "password", message: password });
  return problems;
}

/** Creates an account (ValidationError when a field is wrong or the email is taken); returns its id. */
export async function createUser(db: Queryable, input: NewUser, actorId: number | null = null): Promise<number> {
  const problems = newUserProblems(input);
  if (problems.length > 0) throw new ValidationError(problems);
  const email = input.email.trim();
  const name = input.name.trim() || email.split("@")[0]!;
  const passwordHash = await hashPassword(input.password);
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
    [email, name, input.role, passwordHash],
  );
  const id = inserted.rows[0]?.id;
  if (id === undefined) throw new ValidationError([{ field: "email", message: "is already used by another account" }]);
  await writeRevision(db, {
    entityType: "user",
    entityId: id,
    version: 1,
    action: "create",
    userId: actorId,
    changes: { email: [null, email], role: [null, input.role] },
  });
  return id;
}

// ---------------------------------------------------------------------------
// The users screen (admins) and the account screen (every curator).

export type UserSummary = {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

type SummaryRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
};
const SUMMARY_COLUMNS = "id, email, name, role, disabled, last_login_at, created_at";

function toSummary(row: SummaryRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

/** Every account, admins first, then by email; never the password hash. */
export async function listUsers(db: Queryable): Promise<UserSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM users ORDER BY role = 'admin' DESC, lower(email)`,
  );
  return rows.map(toSummary);
}

type LockedUser = { id: number; role: Role; disabled: boolean; session_version: number };

async function lockUser(tx: Queryable, userId: number): Promise<LockedUser> {
  const { rows } = await tx.query<LockedUser>(
    `SELECT id, role, disabled, session_version FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  if (!rows[0]) throw new NotFoundError(`There is no user ${userId}.`);
  return rows[0];
}

/**
 * Locks the active admins' rows, so that two admins demoting or disabling
 * each other at the same moment cannot leave the site without one: the second
 * waits, then sees the first's change. True when an active admin other than
 * `userId` remains.
 */
async function anotherActiveAdminRemains(tx: Queryable, userId: number): Promise<boolean> {
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`,
  );
  return rows.some((row) => row.id !== userId);
}

async function nextRevisionVersion(tx: Queryable, userId: number): Promise<number> {
  const { rows } = await tx.query<{ next: number }>(
    `SELECT coalesce(max(version), 0) + 1 AS next FROM revisions WHERE entity_type = 'user' AND entity_id = $1`,
    [userId],
  );
  return rows[0]!.next;
}

/**
 * Ends every session and revokes every API token of the user (a disable, a
 * password change, "log out everywhere"). Revoked tokens stay revoked when the
 * user is enabled again. Returns the active tokens revoked, for the revision.
 */
async function endCredentials(tx: Queryable, userId: number): Promise<Record<string, [number, number]>> {
  await endAllUserSessions(tx, userId);
  const { rowCount } = await tx.query(
    `UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId],
  );
  return rowCount ? { activeApiTokens: [rowCount, 0] } : {};
}

/** Changes a user's role; their sessions end at once (the new role applies from their next login). */
export async function changeUserRole(
  pool: pg.Pool,
  input: { userId: number; role: string },
  actorId: number,
): Promise<UserSummary> {
  if (!ROLES.includes(input.role as Role))
    throw new ValidationError([{ field: "role", message: `must be one of ${ROLES.join(", ")}` }]);
  const role = input.role as Role;
  return inTransaction(pool, async (tx) => {
    // Admin rows first, then the target: every writer takes the locks in the same order.
    const othersRemain = await anotherActiveAdminRemains(tx, input.userId);
    const user = await lockUser(tx, input.userId);
    if (user.role !== role) {
      if (user.role === "admin" && !user.disabled && !othersRemain) {
        throw new ValidationError([
          { field: "role", message: "cannot be changed: this is the last active admin; make another user admin first" },
        ]);
      }
      await tx.query(
        `UPDATE users SET role = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1`,
        [user.id, role],
      );
      await writeRevision(tx, {
        entityType: "user",
        entityId: user.id,
        version: await nextRevisionVersion(tx, user.id),
        action: "role",
        userId: actorId,
        changes: { role: [user.role, role], sessionVersion: [user.session_version, user.session_version + 1] },
      });
    }
    return userSummary(tx, user.id);
  });
}

/** Disables (ending their sessions and revoking their API tokens at once) or enables a user. */
export async function setUserDisabled(
  pool: pg.Pool,
  input: { userId: number; disabled: boolean },
  actorId: number,
): Promise<UserSummary> {
  return inTransaction(pool, async (tx) => {
    const othersRemain = await anotherActiveAdminRemains(tx, input.userId);
    const user = await lockUser(tx, input.userId);
    if (user.disabled !== input.disabled) {
      if (input.disabled && user.role === "admin" && !othersRemain) {
        throw new ValidationError([
          { field: "disabled", message: "cannot be set: this is the last active admin; make another user admin first" },
        ]);
      }
      const bump = input.disabled ? 1 : 0;
      await tx.query(
        `UPDATE users SET disabled = $2, session_version = session_version + $3, updated_at = now() WHERE id = $1`,
        [user.id, input.disabled, bump],
      );
      const ended = input.disabled ? await endCredentials(tx, user.id) : {};
      await writeRevision(tx, {
        entityType: "user",
        entityId: user.id,
        version: await nextRevisionVersion(tx, user.id),
        action: input.disabled ? "disable" : "enable",
        userId: actorId,
        changes: {
          disabled: [user.disabled, input.disabled],
          ...(bump ? { sessionVersion: [user.session_version, user.session_version + 1] } : {}),
          ...ended,
        },
      });
    }
    return userSummary(tx, user.id);
  });
}

export type PasswordChange = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * Changes the user's own password after checking the current one, ends
 * every session of theirs (the caller logs this browser in again) and revokes
 * their API tokens. Wrong current passwords count as failed logins, so a
 * borrowed session cannot be used to guess it. Returns the new session version.
 */
export async function changeOwnPassword(
  pool: pg.Pool,
  userId: number,
  input: PasswordChange,
  address: string,
): Promise<number> {
  const problems: Array<{ field: string; message: string }> = [];
  const newProblem = passwordProblem(input.newPassword);
  if (newProblem) problems.push({ field: "newPassword", message: newProblem });
  else if (input.newPassword === input.currentPassword)
    problems.push({ field: "newPassword", message: "must differ from the current password" });
  if (input.confirmPassword !== input.newPassword)
    problems.push({ field: "confirmPassword", message: "does not match the new password" });

  const { rows } = await pool.query<{ email: string; password_hash: string | null }>(
    `SELECT email, password_hash FROM users WHERE id = $1`,
    [userId],
  );
  const account = rows[0];
  if (!account) throw new NotFoundError(`There is no user ${userId}.`);
  // Counted before the check, as at login, so that parallel guesses cannot pass the limit.
  const decision = await beginLoginAttempt(pool, account.email, address);
  if (!decision.allowed) {
    throw new ValidationError([
      {
        field: "currentPassword",
        message: `was wrong too many times; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes`,
      },
    ]);
  }
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new ValidationError([{ field: "currentPassword", message: "is wrong" }, ...problems]);
  }
  await loginAttemptSucceeded(pool, decision.attempt, { clearAccount: false });
  if (problems.length > 0) throw new ValidationError(problems);

  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(pool, async (tx) => {
    const user = await lockUser(tx, userId);
    const next = user.session_version + 1;
    await tx.query(`UPDATE users SET password_hash = $2, session_version = $3, updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
      next,
    ]);
    const ended = await endCredentials(tx, userId);
    await writeRevision(tx, {
      entityType: "user",
      entityId: userId,
      version: await nextRevisionVersion(tx, userId),
      action: "password",
      userId,
      changes: { password: ["(previous)", "(changed)"], sessionVersion: [user.session_version, next], ...ended },
    });
    return next;
  });
}

/** "Log out everywhere": every session of this user ends, this one included, and every API token is revoked. */
export async function logOutEverywhere(pool: pg.Pool, userId: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const user = await lockUser(tx, userId);
    await tx.query(`UPDATE users SET session_version = session_version + 1, updated_at = now() WHERE id = $1`, [
      userId,
    ]);
    const ended = await endCredentials(tx, userId);
    await writeRevision(tx, {
      entityType: "user",
      entityId: userId,
      version: await nextRevisionVersion(tx, userId),
      action: "logout_all",
      userId,
      changes: { sessionVersion: [user.session_version, user.session_version + 1], ...ended },
    });
  });
}

export async function userSummary(db: Queryable, userId: number): Promise<UserSummary> {
  const { rows } = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM users WHERE id = $1`, [userId]);
  if (!rows[0]) throw new NotFoundError(`There is no user ${userId}.`);
  return toSummary(rows[0]);
}

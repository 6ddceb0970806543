import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/transaction";
import type { FieldMessage } from "@/lib/validation/zod-messages";
import { ROLES, hasRole, type CurrentUser, type Role } from "./roles";

// Personal API tokens: a curator creates one in the workspace (account
// screen) and sends it as `Authorization: Bearer stk_…` to the write API
// (lib/api/curator-route.ts). The token is shown once; only its SHA-256 is
// stored, so a copy of the database does not hold a usable token.
//
// A token acts for its owner with the lower of its own role and the owner's
// current role, and never outlives the owner's account: a disabled owner, a
// revoked token, or an owner whose role dropped below the token's role for
// what the request needs, each end in a 401 that names the problem.

export const API_TOKEN_PREFIX = "stk_";
/** 32 random bytes in base64url, unpadded. */
const TOKEN_PATTERN = /^stk_[A-Za-z0-9_-]{43}$/;

export const API_TOKEN_LIMITS = { nameMaxLength: 100, activePerUser: 25 } as const;
/** last_used_at is written at most this often per token (one write a minute, not one per request). */
export const LAST_USED_RESOLUTION_SECONDS = 60;

// --- the secret ------------------------------------------------------------------

/** A fresh token: `stk_` and 32 random bytes in base64url (256 bits). */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

// --- roles -------------------------------------------------------------------------

/** The lower of two roles (editor < admin). */
export function lowerRole(a: Role, b: Role): Role {
  return a === "admin" && b === "admin" ? "admin" : "editor";
}

/** The roles a curator of `ownerRole` may give a token: never above their own. */
export function grantableRoles(ownerRole: Role): Role[] {
  return ROLES.filter((role) => hasRole({ role: ownerRole }, role));
}

// --- the Authorization header ------------------------------------------------------------

export type TokenProblem =
  | "authorization_invalid"
  | "token_malformed"
  | "token_unknown"
  | "token_revoked"
  | "token_owner_disabled"
  | "token_role_exceeds_owner";

/** Why a token was refused; the route answers 401 with `code` and `message`. */
export class ApiTokenError extends Error {
  constructor(
    readonly code: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether a request's Authorization header is a token request ("Bearer …").
 * Other schemes are not ours: a site put behind HTTP Basic auth by its proxy
 * gets "Authorization: Basic …" from the browser on every request, and the
 * workspace must keep working on its session then.
 */
export function isBearerAuthorization(authorization: string | null): authorization is string {
  return authorization !== null && /^\s*bearer(\s|$)/i.test(authorization);
}

/** The token of an `Authorization: Bearer <token>` header, or an ApiTokenError naming what is wrong with the header. */
export function bearerToken(authorization: string): string {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    throw new ApiTokenError(
      "authorization_invalid",
      'Authorization header invalid: it must be "Bearer <token>", with a personal API token from your account page.',
    );
  }
  const token = match[1]!;
  if (!looksLikeApiToken(token)) {
    throw new ApiTokenError(
      "token_malformed",
      "token malformed: a personal API token is stk_ followed by 43 letters, digits, - or _.",
    );
  }
  return token;
}

export type TokenAuthentication = {
  /** The owner, with the effective role: the lower of the token's role and the owner's current role. */
  user: CurrentUser;
  tokenId: number;
  tokenRole: Role;
  ownerRole: Role;
};

type AuthRow = {
  token_id: number;
  token_role: Role;
  revoked_at: Date | null;
  recently_used: boolean | null;
  user_id: number;
  email: string;
  name: string;
  user_role: Role;
  disabled: boolean;
};

/**
 * The owner a presented token acts for, or an ApiTokenError (unknown,
 * revoked, owner disabled). Checked against the database on every request,
 * like a session: a revocation or a disabled account takes effect at once.
 *
 * Why no constant-time comparison: the token is never compared with a stored
 * secret in this process. Its SHA-256 is looked up through a unique index, so
 * what timing could reveal is how far a guessed *hash* matches a stored one,
 * which says nothing usable about a token (finding a token for a hash means
 * inverting SHA-256), and a guess is one of 2^256 anyway.
 */
export async function authenticateApiToken(db: Queryable, token: string): Promise<TokenAuthentication> {
  if (!looksLikeApiToken(token)) {
    throw new ApiTokenError(
      "token_malformed",
      "token malformed: a personal API token is stk_ followed by 43 letters, digits, - or _.",
    );
  }
  const { rows } = await db.query<AuthRow>(
    `SELECT t.id AS token_id, t.role AS token_role, t.revoked_at,
            t.last_used_at > now() - make_interval(secs => $2) AS recently_used,
            u.id AS user_id, u.email, u.name, u.role AS user_role, u.disabled
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [hashApiToken(token), LAST_USED_RESOLUTION_SECONDS],
  );
  const row = rows[0];
  if (!row) {
    throw new ApiTokenError(
      "token_unknown",
      "token unknown: no such token was issued here (it may be mistyped, altered, or from another site).",
    );
  }
  if (row.revoked_at) {
    throw new ApiTokenError(
      "token_revoked",
      `token revoked: it was revoked on ${row.revoked_at.toISOString()}; create a new one on your account page.`,
    );
  }
  if (row.disabled) {
    throw new ApiTokenError(
      "token_owner_disabled",
      "token owner disabled: the account this token belongs to is disabled.",
    );
  }
  if (!row.recently_used) {
    // At most one write a minute per token; the condition keeps it so across app instances too.
    await db.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - make_interval(secs => $2))`,
      [row.token_id, LAST_USED_RESOLUTION_SECONDS],
    );
  }
  return {
    user: { id: row.user_id, email: row.email, name: row.name, role: lowerRole(row.token_role, row.user_role) },
    tokenId: row.token_id,
    tokenRole: row.token_role,
    ownerRole: row.user_role,
  };
}

/**
 * Whether an authenticated token may do what needs `needed`: null when it
 * may, else the answer. A need above the token's own role is a 403 (the token
 * was made for less); a need within the token's role but above its owner's
 * current role (the owner was demoted since) is a 401: the token no longer
 * holds the role it was made with, and should be replaced.
 */
export function tokenRoleProblem(
  auth: TokenAuthentication,
  needed: Role,
): { status: 401 | 403; code: string; message: string } | null {
  if (hasRole(auth.user, needed)) return null;
  if (hasRole({ role: auth.tokenRole }, needed)) {
    return {
      status: 401,
      code: "token_role_exceeds_owner",
      message: `token role exceeds its owner's: the token was made with the role ${auth.tokenRole}, but its owner is now ${auth.ownerRole}; revoke it and create a new one.`,
    };
  }
  return { status: 403, code: "forbidden", message: `This token's role (${auth.tokenRole}) does not allow this.` };
}

// --- the account screen: create, list, revoke ----------------------------------------------

export type ApiTokenSummary = {
  id: number;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type SummaryRow = {
  id: number;
  name: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const SUMMARY_COLUMNS = "id, name, role, created_at, last_used_at, revoked_at";

function toSummary(row: SummaryRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Checks a new token's name and role against its owner's role; every problem names its field. */
export function newApiTokenProblems(
  owner: Pick<CurrentUser, "role">,
  input: { name: unknown; role: unknown },
): FieldMessage[] {
  const problems: FieldMessage[] = [];
  if (typeof input.name !== "string")
    problems.push({ field: "name", message: input.name == null ? "is required" : "must be text" });
  else {
    const name = input.name.trim();
    if (name === "") problems.push({ field: "name", message: "is required" });
    else if (Array.from(name).length > API_TOKEN_LIMITS.nameMaxLength)
      problems.push({ field: "name", message: `must be at most ${API_TOKEN_LIMITS.nameMaxLength} characters` });
  }
  if (input.role != null) {
    if (typeof input.role !== "string" || !ROLES.includes(input.role as Role))
      problems.push({ field: "role", message: `must be one of ${ROLES.join(", ")}` });
    else if (!hasRole(owner, input.role as Role)) {
      problems.push({
        field: "role",
        message: `cannot be ${input.role}: a token's role can be at most your own (${owner.role})`,
      });
    }
  }
  return problems;
}

/**
 * Creates a token for `owner` (role defaults to editor, never above the
 * owner's). Returns the token itself, to be shown once, and its summary.
 */
export async function createApiToken(
  pool: pg.Pool,
  owner: CurrentUser,
  input: { name: unknown; role?: unknown },
): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const problems = newApiTokenProblems(owner, { name: input.name, role: input.role });
  if (problems.length > 0) throw new ValidationError(problems);
  const name = (input.name as string).trim().replace(/\s+/g, " ");
  const role = (input.role ?? "editor") as Role;
  const token = generateApiToken();
  const apiToken = await inTransaction(pool, async (tx) => {
    // The owner's row is locked so that two requests cannot both pass the cap.
    await tx.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [owner.id]);
    const { rows: active } = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [owner.id],
    );
    if (active[0]!.count >= API_TOKEN_LIMITS.activePerUser) {
      throw new ValidationError([
        {
          field: "name",
          message: `cannot be added: you have ${API_TOKEN_LIMITS.activePerUser} active tokens; revoke one first`,
        },
      ]);
    }
    const { rows } = await tx.query<SummaryRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, role) VALUES ($1, $2, $3, $4) RETURNING ${SUMMARY_COLUMNS}`,
      [owner.id, name, hashApiToken(token), role],
    );
    return toSummary(rows[0]!);
  });
  return { token, apiToken };
}

/** A curator's tokens, active first, newest first; never the hash. */
export async function listApiTokens(db: Queryable, userId: number): Promise<ApiTokenSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC`,
    [userId],
  );
  return rows.map(toSummary);
}

/** Revokes one of the curator's own tokens (at once: its next request is refused). Revoking twice keeps the first date. */
export async function revokeApiToken(db: Queryable, userId: number, tokenId: number): Promise<ApiTokenSummary> {
  const { rows } = await db.query<SummaryRow>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${SUMMARY_COLUMNS}`,
    [tokenId, userId],
  );
  if (!rows[0]) throw new NotFoundError(`You have no API token ${tokenId}.`);
  return toSummary(rows[0]);
}

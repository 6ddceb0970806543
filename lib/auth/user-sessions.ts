import { randomBytes } from "node:crypto";
import type { Queryable } from "@/lib/db/client";

// Server-side records of logins. Each JWT carries the id of its row (`sid`);
// lib/auth/session.ts accepts the JWT only while that row is open, so that a
// logout ends the session on the server and a copied cookie stops working,
// not only the browser's own copy. A row lasts at most as long as its cookie
// (SESSION_MAX_AGE_SECONDS from the login).

/** Records a new login of `userId`; returns the session id for its JWT. */
export async function startUserSession(db: Queryable, userId: number, maxAgeSeconds: number): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.query(
    `INSERT INTO user_sessions (id, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [id, userId, maxAgeSeconds],
  );
  // Rows of sessions long over say nothing any more; drop them now and then rather than in a cron.
  if (Math.random() < 0.05) await db.query(`DELETE FROM user_sessions WHERE expires_at < now() - interval '1 day'`);
  return id;
}

/** A logout: this one session ends. */
export async function endUserSession(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE user_sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`, [id]);
}

/** Every open session of the user ends; returns how many were open. */
export async function endAllUserSessions(db: Queryable, userId: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE user_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now()`,
    [userId],
  );
  return rowCount ?? 0;
}

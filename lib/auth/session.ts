import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getPool } from "@/lib/db/client";
import { authOptions } from "./options";
import type { CurrentUser } from "./roles";

type Row = {
  id: number;
  email: string;
  name: string;
  role: CurrentUser["role"];
  session_version: number;
  disabled: boolean;
};

/**
 * The account a session cookie stands for, while the cookie's login is still good: its user_sessions
 * row open and unexpired (a logout ends it), the user enabled, and the session version unchanged (a
 * password change or "log out everywhere" raises it). Null otherwise. Says nothing of two-factor login.
 */
export async function sessionAccount(session: { uid: number; sv: number; sid: string }): Promise<CurrentUser | null> {
  const { rows } = await getPool().query<Row>(
    `SELECT u.id, u.email, u.name, u.role, u.session_version, u.disabled
       FROM users u JOIN user_sessions s ON s.user_id = u.id
      WHERE u.id = $1 AND s.id = $2 AND s.ended_at IS NULL AND s.expires_at > now()`,
    [session.uid, session.sid],
  );
  const row = rows[0];
  if (!row || row.disabled || row.session_version !== session.sv) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/**
 * The logged-in curator of this request, or null. The session's version is
 * checked against the database each time: a disabled user, a changed password
 * or "log out everywhere" ends every session at once. So is its own row in
 * user_sessions: a logout ends that session, a copied cookie included (a JWT
 * without a session id, from before the table existed, counts as logged out).
 * Once per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.uid || session.sv === undefined || !session.sid) return null;
  // Password verified but the second step not done (lib/auth/two-factor-session.ts): not logged in yet.
  if (session.mfa === "pending" || session.mfa === "enrol") return null;
  const user = await sessionAccount({ uid: session.uid, sv: session.sv, sid: session.sid });
  // Admins must have two-factor login: an admin session that did not pass it (from before it was required) is refused.
  if (!user || (user.role === "admin" && session.mfa !== "done")) return null;
  return user;
});

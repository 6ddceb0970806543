import "server-only";
import { getServerSession } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextResponse } from "next/server";
import { getPool } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS, authOptions } from "./options";
import { sessionAccount } from "./session";
import type { CurrentUser } from "./roles";
import { tokenCreationProblem } from "./two-factor";

// next-auth 4 has no second login step of its own. The password step
// (options.ts) issues a session marked `mfa: "pending"` (code needed) or
// `"enrol"` (an admin without two-factor login), valid for
// PENDING_LOGIN_SECONDS; getCurrentUser treats it as logged out. Only the code
// and enrolment steps read it (getPendingLogin), and on success they re-issue
// the same session cookie marked "done" (completeSessionCookie).

// next-auth's own names: the __Secure- one under https (see next-auth's defaultCookies).
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export type PendingLogin = { user: CurrentUser; mfa: "pending" | "enrol" };

/** The password-verified login waiting for its second step, or null (none, expired, or its account changed since). */
export async function getPendingLogin(): Promise<PendingLogin | null> {
  const session = await getServerSession(authOptions());
  if (!session?.uid || session.sv === undefined || !session.sid) return null;
  if (session.mfa !== "pending" && session.mfa !== "enrol") return null;
  if (!session.mfaUntil || session.mfaUntil * 1000 <= Date.now()) return null;
  // The same checks as getCurrentUser: session version and the login's open row.
  const user = await sessionAccount({ uid: session.uid, sv: session.sv, sid: session.sid });
  return user ? { user, mfa: session.mfa } : null;
}

/** Null when the logged-in `userId` may create API tokens with this request's session; else why not. */
export async function sessionTokenCreationProblem(userId: number): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return tokenCreationProblem(getPool(), userId, session?.mfa);
}

/**
 * Re-issues this request's session cookie with the second step done: the same
 * claims (user, session version, session id), `mfa: "done"`, and the expiry
 * the login was given. False when the request carries no readable session.
 */
export async function completeSessionCookie(response: NextResponse): Promise<boolean> {
  const jar = await cookies();
  const name = SESSION_COOKIES.find((candidate) => jar.get(candidate));
  if (!name) return false;
  const secret = authSecret();
  const token = await decode({ token: jar.get(name)!.value, secret }).catch(() => null);
  if (!token) return false;
  const { exp, ...claims } = token;
  // encode() sets its own iat, exp and jti; the pending deadline no longer applies.
  delete claims.iat;
  delete claims.jti;
  delete claims.mfaUntil;
  const now = Math.floor(Date.now() / 1000);
  const maxAge =
    typeof exp === "number" && exp > now ? Math.min(exp - now, SESSION_MAX_AGE_SECONDS) : SESSION_MAX_AGE_SECONDS;
  const value = await encode({ token: { ...claims, mfa: "done" }, secret, maxAge });
  response.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge,
  });
  return true;
}

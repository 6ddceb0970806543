import "next-auth";
import "next-auth/jwt";

// What our callbacks put in the token and the session (see options.ts).
declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
    /** The login's row in user_sessions (lib/auth/user-sessions.ts). */
    sid?: string;
    /** The second login step: "pending" (code needed), "enrol" (an admin must enrol first), "done"; absent without two-factor login. */
    mfa?: "pending" | "enrol" | "done";
    /** Until when (epoch seconds) a pending login may complete its second step. */
    mfaUntil?: number;
  }
}

declare module "next-auth" {
  interface Session {
    uid?: number;
    sv?: number;
    /** The login's row in user_sessions (lib/auth/user-sessions.ts). */
    sid?: string;
    /** The second login step: "pending" (code needed), "enrol" (an admin must enrol first), "done"; absent without two-factor login. */
    mfa?: "pending" | "enrol" | "done";
    /** Until when (epoch seconds) a pending login may complete its second step. */
    mfaUntil?: number;
  }
}

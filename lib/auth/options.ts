import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPool } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { clientAddress } from "./client-address";
import { checkPasswordLogin } from "./login";
import type { Role } from "./roles";
import { PENDING_LOGIN_SECONDS, twoFactorRequired } from "./two-factor";
import { endUserSession, startUserSession } from "./user-sessions";
import { encodeLocation } from "@/lib/http/location";

// next-auth with email + password and JWT sessions. The token carries the
// user id and the session version; lib/auth/session.ts compares that version
// with the database on every request, so disabling a user, a password change
// and "log out everywhere" take effect at once.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Messages the login form shows; one for every wrong email or password, so neither is revealed. */
export const LOGIN_ERRORS = {
  wrong: "The email or password is wrong.",
  throttled: "Too many failed logins. Try again in {minutes} minutes.",
} as const;

// A function, not a constant: `next build` imports this module without the
// runtime's AUTH_SECRET, which is only required once a request needs it.
export function authOptions(): AuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = String(credentials?.email ?? "")
            .trim()
            .slice(0, 320);
          const password = String(credentials?.password ?? "");
          if (!email || !password) throw new Error(LOGIN_ERRORS.wrong);
          const address = clientAddress(request?.headers ?? {});
          // Counts the attempt before the password is checked (lib/auth/login.ts, throttle.ts).
          const result = await checkPasswordLogin(getPool(), { email, password, address });
          if (!result.ok && result.reason === "throttled") {
            throw new Error(
              LOGIN_ERRORS.throttled.replace("{minutes}", String(Math.ceil(result.retryAfterSeconds / 60))),
            );
          }
          if (!result.ok) throw new Error(LOGIN_ERRORS.wrong);
          const user = result.user;
          // The second step (lib/auth/two-factor-session.ts): a code where the account has two-factor
          // login, the enrolment for an admin without it; until then the session counts as logged out.
          const mfa = user.two_factor ? "pending" : twoFactorRequired(user.role as Role) ? "enrol" : undefined;
          const mfaUntil = mfa ? Math.floor(Date.now() / 1000) + PENDING_LOGIN_SECONDS : undefined;
          return {
            id: String(user.id),
            email: user.email,
            name: user.name,
            sessionVersion: user.session_version,
            ...(mfa ? { mfa, mfaUntil } : {}),
          };
        },
      }),
    ],
    callbacks: {
      // Never off-site. A same-site path stays relative, so that signOut's
      // `window.location.href = url` keeps the browser on the host it is on
      // (whatever next-auth guessed as the base URL); an absolute URL of this
      // site stays absolute (signIn with redirect: false parses it).
      redirect({ url, baseUrl }) {
        // Percent-encoded (lib/http/location.ts): next-auth puts it in a Location header.
        if (url.startsWith("/") && !url.startsWith("//") && !url.includes("\\")) return encodeLocation(url);
        try {
          if (new URL(url).origin === new URL(baseUrl).origin) return encodeLocation(url);
        } catch {
          // not a URL: fall through to the site's root
        }
        return baseUrl;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          const second = user as { mfa?: "pending" | "enrol"; mfaUntil?: number };
          if (second.mfa) {
            token.mfa = second.mfa;
            token.mfaUntil = second.mfaUntil;
          }
          // A row per login, so that a logout can end it on the server (lib/auth/user-sessions.ts).
          token.sid = await startUserSession(getPool(), token.uid, SESSION_MAX_AGE_SECONDS);
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, mfa: token.mfa, mfaUntil: token.mfaUntil };
      },
    },
    events: {
      // A normal logout ends the session's row too: a copy of the cookie stops working.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endUserSession(getPool(), token.sid);
      },
    },
  };
}

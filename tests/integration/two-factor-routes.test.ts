// Next.js sets AsyncLocalStorage up for its request scope before anything else loads; so must we.
import "next/dist/server/node-environment-baseline";
import { decode, encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_THROTTLE } from "@/lib/auth/throttle";
import { PENDING_LOGIN_SECONDS, enrolWithSecret, totpCode } from "@/lib/auth/two-factor";
import { startUserSession } from "@/lib/auth/user-sessions";
import { createUser } from "@/lib/auth/users";
import { useTestEnvironment } from "../support/integration";
import { inRequestScope } from "../support/request-scope";

// Two-factor login through its real route handlers, on a real Postgres, with
// real next-auth session cookies read by next-auth inside Next's request scope
// (as tests/integration/properties-forms.test.ts does): the code step under
// the login throttle, the cookie it re-issues, and the token-creation rule.

const SECRET = "two-factor-routes-auth-secret-0123456789abcdef";
const ORIGIN = "http://localhost:3000";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PASSWORD = "Quartz kettle 93 under the bridge";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = ORIGIN;
  env = await useTestEnvironment("two_factor_routes");
});
afterAll(async () => {
  await env.close();
});

let counter = 0;
async function curator(
  options: { twoFactor?: boolean; role?: "admin" | "editor" } = {},
): Promise<{ id: number; email: string }> {
  counter += 1;
  const email = `tf-routes-${counter}-${Date.now().toString(36)}@example.org`;
  const id = await createUser(env.pool, { email, name: "", role: options.role ?? "editor", password: PASSWORD });
  if (options.twoFactor) await enrolWithSecret(env.pool, id, TOTP_SECRET);
  return { id, email };
}

/** The session cookie next-auth sets at the password step, with its login row, in the given second-step state. */
async function sessionCookie(userId: number, mfa?: "pending" | "enrol" | "done"): Promise<string> {
  const sid = await startUserSession(env.pool, userId, 3600);
  const { rows } = await env.pool.query<{ session_version: number }>(
    `SELECT session_version FROM users WHERE id = $1`,
    [userId],
  );
  const token: Record<string, unknown> = { sub: String(userId), uid: userId, sv: rows[0]!.session_version, sid };
  if (mfa) token.mfa = mfa;
  if (mfa === "pending" || mfa === "enrol") token.mfaUntil = Math.floor(Date.now() / 1000) + PENDING_LOGIN_SECONDS;
  return `next-auth.session-token=${await encode({ token, secret: SECRET })}`;
}

type Handler = (request: NextRequest, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
type Answer = {
  status: number;
  body: { error?: { code: string; message: string; fields?: Array<{ field: string; message: string }> } } & Record<
    string,
    unknown
  >;
  headers: Headers;
};

async function post(
  path: string,
  load: () => Promise<{ POST: Handler }>,
  cookie: string,
  body: unknown,
  address = "203.0.113.10",
): Promise<Answer> {
  const request = new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      host: "localhost:3000",
      origin: ORIGIN,
      cookie,
      "content-type": "application/json",
      "x-client-address": address,
    },
    body: JSON.stringify(body),
  });
  const { POST } = await load();
  const response = await inRequestScope(request, `${path}/route`, () => POST(request, { params: Promise.resolve({}) }));
  return { status: response.status, body: (await response.json()) as Answer["body"], headers: response.headers };
}

const codeStep = (cookie: string, body: unknown, address?: string) =>
  post(
    "/api/login/two-factor",
    async () => (await import("@/app/api/login/two-factor/route")) as unknown as { POST: Handler },
    cookie,
    body,
    address,
  );
const createToken = (cookie: string, body: unknown) =>
  post(
    "/api/curate/tokens",
    async () => (await import("@/app/api/curate/tokens/route")) as unknown as { POST: Handler },
    cookie,
    body,
  );

function wrongCode(): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(TOTP_SECRET, Date.now() + d)));
  for (let n = 0; ; n++) if (!valid.has(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
}

describe("POST /api/login/two-factor", () => {
  it("completes a pending session: the same session (id and version) comes back marked two-factor", async () => {
    const user = await curator({ twoFactor: true });
    const cookie = await sessionCookie(user.id, "pending");
    const answer = await codeStep(cookie, { code: totpCode(TOTP_SECRET) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const setCookie = answer.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    const issued = await decode({ token: /^next-auth\.session-token=([^;]+)/.exec(setCookie)![1]!, secret: SECRET });
    const before = await decode({ token: cookie.split("=")[1]!, secret: SECRET });
    expect(issued).toMatchObject({ uid: user.id, sid: before!.sid, sv: before!.sv, mfa: "done" });
    expect(issued).not.toHaveProperty("mfaUntil");
  });

  it(`counts wrong codes against the login throttle: after ${LOGIN_THROTTLE.maxFailuresPerAccount}, even the right code gets 429 with Retry-After`, async () => {
    const user = await curator({ twoFactor: true });
    const cookie = await sessionCookie(user.id, "pending");
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount; i++) {
      const answer = await codeStep(cookie, { code: wrongCode() }, `203.0.113.${20 + i}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error!.fields).toEqual([
        { field: "code", message: "is wrong: type the code your authenticator app shows now" },
      ]);
    }
    const locked = await codeStep(cookie, { code: totpCode(TOTP_SECRET) }, "203.0.113.40");
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({
      code: "throttled",
      fields: [{ field: "code", message: expect.stringMatching(/too many times/) }],
    });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a session that is not waiting for a code, an expired one, and names a malformed code", async () => {
    const user = await curator({ twoFactor: true });
    expect(
      (await codeStep(await sessionCookie(user.id, "done"), { code: totpCode(TOTP_SECRET) })).body.error!.code,
    ).toBe("no_pending_login");
    expect((await codeStep("", { code: totpCode(TOTP_SECRET) })).status).toBe(401);
    const sid = await startUserSession(env.pool, user.id, 3600);
    const expired = `next-auth.session-token=${await encode({ token: { uid: user.id, sv: 1, sid, mfa: "pending", mfaUntil: Math.floor(Date.now() / 1000) - 1 }, secret: SECRET })}`;
    expect((await codeStep(expired, { code: totpCode(TOTP_SECRET) })).status).toBe(401);
    const malformed = await codeStep(await sessionCookie(user.id, "pending"), { code: "12345x" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error!.fields![0]).toMatchObject({
      field: "code",
      message: "must be the 6 digits your authenticator app shows",
    });
  });
});

describe("POST /api/curate/tokens and two-factor login", () => {
  it("a user with two-factor login creates tokens only from a session that passed it; pending sessions are logged out", async () => {
    const withCode = await curator({ twoFactor: true });
    const refused = await createToken(await sessionCookie(withCode.id), { name: "before the code" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "two_factor_required",
      message: expect.stringMatching(/passed the two-factor step/),
    });
    expect((await createToken(await sessionCookie(withCode.id, "pending"), { name: "pending" })).status).toBe(401);
    expect((await createToken(await sessionCookie(withCode.id, "done"), { name: "after the code" })).status).toBe(201);

    const plain = await curator();
    expect((await createToken(await sessionCookie(plain.id), { name: "no two-factor" })).status).toBe(201);
    // An admin must have passed the second step to be logged in at all.
    const admin = await curator({ role: "admin" });
    expect((await createToken(await sessionCookie(admin.id, "enrol"), { name: "enrolling" })).status).toBe(401);
    expect((await createToken(await sessionCookie(admin.id), { name: "never enrolled" })).status).toBe(401);
  });
});

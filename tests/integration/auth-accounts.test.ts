import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { safeNextPath } from "@/app/login/safe-next";
import { checkPasswordLogin } from "@/lib/auth/login";
import { LOGIN_ERRORS, authOptions } from "@/lib/auth/options";
import { verifyPassword } from "@/lib/auth/password";
import {
  SetupTokenError,
  claimSetupToken,
  createSetupToken,
  firstAdminSetupLink,
  hashSetupToken,
  setupTokenState,
} from "@/lib/auth/setup-token";
import { LOGIN_THROTTLE, loginAllowed, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/throttle";
import {
  changeOwnPassword,
  changeUserRole,
  createUser,
  listUsers,
  logOutEverywhere,
  setUserDisabled,
} from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("auth_accounts");
  // next-auth's options need one; these tests call its `authorize` directly.
  process.env.AUTH_SECRET ??= "an auth secret for the integration tests only";
});

/** next-auth's Credentials `authorize`, as the login route calls it: the user it returns, or the message it throws. */
async function authorize(email: string, password: string, address: string): Promise<{ id: string } | string> {
  const provider = authOptions().providers[0] as unknown as {
    options: {
      authorize: (
        credentials: Record<string, string>,
        request: { headers: Record<string, string> },
      ) => Promise<{ id: string }>;
    };
  };
  return provider.options
    .authorize({ email, password }, { headers: { "x-client-address": address } })
    .catch((e: Error) => e.message);
}
afterAll(async () => {
  await env.close();
});

const PASSWORD = "a long enough password";

/** The ValidationError `work` throws, as "field: message" lines (fails the test when it does not throw one). */
async function fieldErrors(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a ValidationError").toBeInstanceOf(ValidationError);
  return Object.fromEntries((error as ValidationError).fields.map((f) => [f.field, f.message]));
}

async function sessionVersion(id: number): Promise<number> {
  const { rows } = await env.pool.query<{ session_version: number }>(
    `SELECT session_version FROM users WHERE id = $1`,
    [id],
  );
  return rows[0]!.session_version;
}

async function revisions(
  id: number,
): Promise<Array<{ action: string; user_id: number | null; changes: Record<string, unknown> }>> {
  const { rows } = await env.pool.query(
    `SELECT action, user_id, changes FROM revisions WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

async function newUser(
  email: string,
  role: "admin" | "editor" = "editor",
  actorId: number | null = null,
): Promise<number> {
  return createUser(env.pool, { email, name: "", role, password: PASSWORD }, actorId);
}

describe("the first-admin setup token (runs on an empty users table)", () => {
  beforeEach(async () => {
    await env.pool.query(`DELETE FROM users`);
    await env.pool.query(`DELETE FROM setup_tokens`);
  });

  it("gives a link only while no user exists, and stores only the token's SHA-256", async () => {
    const link = await firstAdminSetupLink(env.pool, { port: 3123 });
    expect(link).toMatch(/^http:\/\/localhost:3123\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(link!).searchParams.get("token")!;
    const { rows } = await env.pool.query<{ token_hash: string; hours: number }>(
      `SELECT token_hash, round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours FROM setup_tokens`,
    );
    expect(rows).toEqual([{ token_hash: hashSetupToken(token), hours: 24 }]);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(await firstAdminSetupLink(env.pool, { port: 3123, publicUrl: "https://statements.example.org/" })).toMatch(
      /^https:\/\/statements\.example\.org\/setup\?token=/,
    );
    await newUser("someone@example.org");
    expect(await firstAdminSetupLink(env.pool, { port: 3123 })).toBeNull();
  });

  it("creates the admin once; the same token is refused afterwards", async () => {
    const token = await createSetupToken(env.pool);
    expect(await setupTokenState(env.pool, token)).toBe("valid");
    const id = await claimSetupToken(env.pool, {
      token,
      email: "First@Example.org",
      name: "First Admin",
      password: PASSWORD,
    });
    const users = await listUsers(env.pool);
    expect(users).toMatchObject([
      { id, email: "First@Example.org", name: "First Admin", role: "admin", disabled: false },
    ]);
    expect(await setupTokenState(env.pool, token)).toBe("used");
    const again = await claimSetupToken(env.pool, {
      token,
      email: "second@example.org",
      name: "",
      password: PASSWORD,
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SetupTokenError);
    expect((again as SetupTokenError).state).toBe("used");
    expect(await listUsers(env.pool)).toHaveLength(1);
  });

  it("refuses an expired token, an unknown one, and any token once a user exists", async () => {
    const expired = await createSetupToken(env.pool);
    await env.pool.query(`UPDATE setup_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [
      hashSetupToken(expired),
    ]);
    expect(await setupTokenState(env.pool, expired)).toBe("expired");
    await expect(
      claimSetupToken(env.pool, { token: expired, email: "a@example.org", name: "", password: PASSWORD }),
    ).rejects.toMatchObject({ state: "expired" });
    await expect(
      claimSetupToken(env.pool, { token: "not-a-token", email: "a@example.org", name: "", password: PASSWORD }),
    ).rejects.toMatchObject({
      state: "unknown",
    });
    await expect(
      claimSetupToken(env.pool, { token: "", email: "a@example.org", name: "", password: PASSWORD }),
    ).rejects.toMatchObject({ state: "unknown" });

    const valid = await createSetupToken(env.pool);
    await newUser("made-by-cli@example.org", "admin");
    expect(await setupTokenState(env.pool, valid)).toBe("users-exist");
    await expect(
      claimSetupToken(env.pool, { token: valid, email: "b@example.org", name: "", password: PASSWORD }),
    ).rejects.toMatchObject({
      state: "users-exist",
    });
    expect((await listUsers(env.pool)).map((u) => u.email)).toEqual(["made-by-cli@example.org"]);
    // Refused, so still unused.
    expect(
      (await env.pool.query(`SELECT used_at FROM setup_tokens WHERE token_hash = $1`, [hashSetupToken(valid)])).rows[0]
        .used_at,
    ).toBeNull();
  });

  it("checks the fields, naming them, and leaves the token usable", async () => {
    const token = await createSetupToken(env.pool);
    const fields = await fieldErrors(
      claimSetupToken(env.pool, { token, email: "not an email", name: "x".repeat(201), password: "short" }),
    );
    expect(Object.keys(fields).sort()).toEqual(["email", "name", "password"]);
    expect(await setupTokenState(env.pool, token)).toBe("valid");
  });

  it("lets exactly one of two concurrent claims of the same token win", async () => {
    const token = await createSetupToken(env.pool);
    const results = await Promise.allSettled([
      claimSetupToken(env.pool, { token, email: "one@example.org", name: "", password: PASSWORD }),
      claimSetupToken(env.pool, { token, email: "two@example.org", name: "", password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(SetupTokenError);
    expect((await listUsers(env.pool)).filter((u) => u.role === "admin")).toHaveLength(1);
  });

  it("lets exactly one of two concurrent claims of two different tokens win", async () => {
    const tokens = [await createSetupToken(env.pool), await createSetupToken(env.pool)];
    const results = await Promise.allSettled(
      tokens.map((token, i) =>
        claimSetupToken(env.pool, { token, email: `racer${i}@example.org`, name: "", password: PASSWORD }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      state: "users-exist",
    });
    expect(await listUsers(env.pool)).toHaveLength(1);
  });
});

describe("createUser", () => {
  it("names every wrong field", async () => {
    const fields = await fieldErrors(
      createUser(env.pool, { email: "nobody", name: "n".repeat(201), role: "owner", password: "short" }),
    );
    expect(fields).toEqual({
      email: "must be an email address such as name@example.org",
      name: "must be at most 200 characters",
      role: "must be one of admin, editor",
      password: "must be at least 12 characters",
    });
    expect(
      await fieldErrors(createUser(env.pool, { email: " ", name: "", role: "editor", password: PASSWORD })),
    ).toEqual({ email: "is required" });
    expect(
      await fieldErrors(
        createUser(env.pool, { email: `${"e".repeat(320)}@example.org`, name: "", role: "editor", password: PASSWORD }),
      ),
    ).toHaveProperty("email");
    expect(
      await fieldErrors(
        createUser(env.pool, { email: "ok@example.org", name: "", role: "editor", password: "p".repeat(201) }),
      ),
    ).toEqual({
      password: "must be at most 200 characters",
    });
  });

  it("refuses an email already used, whatever its case, and writes a 'create' revision", async () => {
    const admin = await newUser("case-admin@example.org", "admin");
    const id = await createUser(
      env.pool,
      { email: "  Mixed.Case@Example.org ", name: "", role: "editor", password: PASSWORD },
      admin,
    );
    const { rows } = await env.pool.query(`SELECT email, name, password_hash FROM users WHERE id = $1`, [id]);
    expect(rows[0]).toMatchObject({ email: "Mixed.Case@Example.org", name: "Mixed.Case" });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(rows[0].password_hash, PASSWORD)).toBe(true);
    expect(await fieldErrors(newUser("mixed.case@EXAMPLE.ORG"))).toEqual({
      email: "is already used by another account",
    });
    expect(await revisions(id)).toMatchObject([{ action: "create", user_id: admin }]);
  });
});

describe("login throttling", () => {
  it("refuses an account after its limit of failures, for at most the window, until a success clears it", async () => {
    const email = "Throttled@Example.org";
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount - 1; i++)
      await recordLoginFailure(env.pool, email, `10.0.0.${i}`);
    expect(await loginAllowed(env.pool, email, "10.0.1.1")).toEqual({ allowed: true });
    await recordLoginFailure(env.pool, email.toLowerCase(), "10.0.0.99");
    const refused = await loginAllowed(env.pool, "throttled@example.org", "10.0.1.1");
    expect(refused.allowed).toBe(false);
    const retryAfter = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMinutes * 60);
    // Failures older than the window no longer count.
    await env.pool.query(
      `UPDATE login_failures SET failed_at = now() - interval '16 minutes' WHERE scope = 'account' AND key = 'throttled@example.org'`,
    );
    expect(await loginAllowed(env.pool, email, "10.0.1.1")).toEqual({ allowed: true });
    // A success clears the account's count.
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount; i++)
      await recordLoginFailure(env.pool, email, `10.0.2.${i}`);
    expect((await loginAllowed(env.pool, email, "10.0.1.1")).allowed).toBe(false);
    await recordLoginSuccess(env.pool, email);
    expect(await loginAllowed(env.pool, email, "10.0.1.1")).toEqual({ allowed: true });
  });

  it("lets at most the limit of 20 parallel wrong passwords reach the password check (the attempt is counted first)", async () => {
    const email = "raced@example.org";
    await newUser(email);
    let verified = 0;
    const counting = async (hash: string | null, password: string) => {
      verified += 1;
      return verifyPassword(hash, password);
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkPasswordLogin(env.pool, { email, password: `wrong guess ${i}`, address: "203.0.113.20" }, counting),
      ),
    );
    expect(verified).toBeLessThanOrEqual(LOGIN_THROTTLE.maxFailuresPerAccount);
    expect(results.filter((r) => !r.ok && r.reason === "wrong")).toHaveLength(verified);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - verified);
    // Even the right password now waits for the window.
    expect(
      await checkPasswordLogin(env.pool, { email, password: PASSWORD, address: "203.0.113.21" }, counting),
    ).toMatchObject({ ok: false, reason: "throttled" });
    expect(verified).toBeLessThanOrEqual(LOGIN_THROTTLE.maxFailuresPerAccount);
  });

  it("through next-auth's authorize too: 20 parallel wrong passwords get at most the limit of 'wrong' answers, the rest are refused unchecked", async () => {
    const email = "raced-authorize@example.org";
    await newUser(email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authorize(email, `wrong guess ${i}`, "203.0.113.30")),
    );
    const throttled = LOGIN_ERRORS.throttled.replace("{minutes}", String(LOGIN_THROTTLE.windowMinutes));
    // "wrong" is only answered after the password was checked.
    expect(answers.filter((a) => a === LOGIN_ERRORS.wrong).length).toBeLessThanOrEqual(
      LOGIN_THROTTLE.maxFailuresPerAccount,
    );
    expect(answers.filter((a) => a === throttled).length).toBeGreaterThanOrEqual(
      20 - LOGIN_THROTTLE.maxFailuresPerAccount,
    );
    const { rows } = await env.pool.query(
      `SELECT count(*)::int AS n FROM login_failures WHERE scope = 'account' AND key = $1`,
      [email],
    );
    expect(rows[0].n).toBe(LOGIN_THROTTLE.maxFailuresPerAccount);
  });

  it("counts the account as Postgres's lower() sees it: the 'İ' spelling of an 'i' is refused while the account is locked", async () => {
    const email = "dotless.i.lock@example.org";
    const variant = "dotless.İ.lock@example.org";
    const id = await newUser(email);
    // The lookup treats the variant as the same account (Postgres lowers "İ" to "i"; JavaScript to "i̇").
    expect(variant.toLowerCase()).not.toBe(email);
    expect(await authorize(variant, PASSWORD, "203.0.113.40")).toMatchObject({ id: String(id) });
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount; i++)
      expect(await authorize(email, `wrong guess ${i}`, "203.0.113.41")).toBe(LOGIN_ERRORS.wrong);
    const throttled = LOGIN_ERRORS.throttled.replace("{minutes}", String(LOGIN_THROTTLE.windowMinutes));
    expect(await authorize(variant, PASSWORD, "203.0.113.42")).toBe(throttled);
    expect(await authorize(email.toUpperCase(), PASSWORD, "203.0.113.42")).toBe(throttled);
    // The other way round: failures under the variant lock the plain spelling.
    const other = "another.i.lock@example.org";
    await newUser(other);
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount; i++)
      await authorize(
        other.replace(/i/g, (c, at: number) => (at % 2 ? "İ" : c)),
        `wrong ${i}`,
        `203.0.113.${50 + i}`,
      );
    expect(await authorize(other, PASSWORD, "203.0.113.60")).toBe(throttled);
  });

  it("a success takes its own attempt back and clears the account's failures", async () => {
    const email = "comes-back@example.org";
    await newUser(email);
    for (let i = 0; i < 3; i++) await authorize(email, `wrong ${i}`, "203.0.113.70");
    expect(await authorize(email, PASSWORD, "203.0.113.70")).toMatchObject({ id: expect.any(String) });
    const { rows } = await env.pool.query(
      `SELECT scope, count(*)::int AS n FROM login_failures WHERE (scope = 'account' AND key = $1) OR (scope = 'address' AND key = '203.0.113.70') GROUP BY scope ORDER BY scope`,
      [email],
    );
    // The three failures stay counted against the address; the success is not one.
    expect(rows).toEqual([{ scope: "address", n: 3 }]);
  });

  it("refuses an address after its limit of failures, whatever the account, but not other addresses", async () => {
    const address = "192.0.2.7";
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAddress; i++)
      await recordLoginFailure(env.pool, `sprayed${i}@example.org`, address);
    const refused = await loginAllowed(env.pool, "fresh@example.org", address);
    expect(refused.allowed).toBe(false);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(
      LOGIN_THROTTLE.windowMinutes * 60,
    );
    expect(await loginAllowed(env.pool, "fresh@example.org", "192.0.2.8")).toEqual({ allowed: true });
  });
});

describe("roles, disabling and the last admin", () => {
  let admin: number;
  let editor: number;
  beforeAll(async () => {
    await env.pool.query(`DELETE FROM users`);
    admin = await newUser("only-admin@example.org", "admin");
    editor = await newUser("an-editor@example.org", "editor", admin);
  });

  it("a role change bumps the session version and writes a 'role' revision by the acting admin", async () => {
    const before = await sessionVersion(editor);
    const updated = await changeUserRole(env.pool, { userId: editor, role: "admin" }, admin);
    expect(updated).toMatchObject({ id: editor, role: "admin" });
    expect(await sessionVersion(editor)).toBe(before + 1);
    expect((await revisions(editor)).at(-1)).toMatchObject({
      action: "role",
      user_id: admin,
      changes: { role: ["editor", "admin"] },
    });
    // The same role again changes nothing.
    await changeUserRole(env.pool, { userId: editor, role: "admin" }, admin);
    expect(await sessionVersion(editor)).toBe(before + 1);
    await changeUserRole(env.pool, { userId: editor, role: "editor" }, admin);
    expect(await sessionVersion(editor)).toBe(before + 2);
  });

  it("disabling bumps the session version; both write revisions", async () => {
    const before = await sessionVersion(editor);
    expect(await setUserDisabled(env.pool, { userId: editor, disabled: true }, admin)).toMatchObject({
      disabled: true,
    });
    expect(await sessionVersion(editor)).toBe(before + 1);
    expect(await setUserDisabled(env.pool, { userId: editor, disabled: false }, admin)).toMatchObject({
      disabled: false,
    });
    expect((await revisions(editor)).slice(-2)).toMatchObject([
      { action: "disable", user_id: admin, changes: { disabled: [false, true] } },
      { action: "enable", user_id: admin, changes: { disabled: [true, false] } },
    ]);
  });

  it("refuses a bad role, and an unknown user", async () => {
    expect(await fieldErrors(changeUserRole(env.pool, { userId: editor, role: "root" }, admin))).toEqual({
      role: "must be one of admin, editor",
    });
    await expect(setUserDisabled(env.pool, { userId: 999_999, disabled: true }, admin)).rejects.toThrow(
      /no user 999999/,
    );
  });

  it("the last active admin can neither demote nor disable themself", async () => {
    const before = await sessionVersion(admin);
    expect(Object.keys(await fieldErrors(changeUserRole(env.pool, { userId: admin, role: "editor" }, admin)))).toEqual([
      "role",
    ]);
    expect(Object.keys(await fieldErrors(setUserDisabled(env.pool, { userId: admin, disabled: true }, admin)))).toEqual(
      ["disabled"],
    );
    expect(await sessionVersion(admin)).toBe(before);
    expect((await listUsers(env.pool)).find((u) => u.id === admin)).toMatchObject({ role: "admin", disabled: false });
    // A disabled admin does not count as one that remains.
    const sleeper = await newUser("disabled-admin@example.org", "admin", admin);
    await setUserDisabled(env.pool, { userId: sleeper, disabled: true }, admin);
    expect(Object.keys(await fieldErrors(changeUserRole(env.pool, { userId: admin, role: "editor" }, admin)))).toEqual([
      "role",
    ]);
    // With another active admin, demoting is fine.
    await setUserDisabled(env.pool, { userId: sleeper, disabled: false }, admin);
    await changeUserRole(env.pool, { userId: admin, role: "editor" }, admin);
    expect(
      Object.keys(await fieldErrors(setUserDisabled(env.pool, { userId: sleeper, disabled: true }, sleeper))),
    ).toEqual(["disabled"]);
    await changeUserRole(env.pool, { userId: admin, role: "admin" }, sleeper);
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    const a = await newUser("duel-a@example.org", "admin", admin);
    const b = await newUser("duel-b@example.org", "admin", admin);
    // Only these two are admins for this test.
    for (const other of await listUsers(env.pool)) {
      if (other.role === "admin" && other.id !== a && other.id !== b)
        await changeUserRole(env.pool, { userId: other.id, role: "editor" }, a);
    }
    const results = await Promise.allSettled([
      changeUserRole(env.pool, { userId: b, role: "editor" }, a),
      changeUserRole(env.pool, { userId: a, role: "editor" }, b),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
      ValidationError,
    );
    const admins = (await listUsers(env.pool)).filter((u) => u.role === "admin" && !u.disabled);
    expect(admins).toHaveLength(1);
  });
});

describe("the curator's own account", () => {
  let id: number;
  beforeAll(async () => {
    id = await newUser("own-account@example.org", "editor");
  });

  it("refuses a wrong current password (naming currentPassword) and a weak or mismatched new one", async () => {
    const before = await sessionVersion(id);
    expect(
      await fieldErrors(
        changeOwnPassword(
          env.pool,
          id,
          {
            currentPassword: "not the password",
            newPassword: "another long password",
            confirmPassword: "another long password",
          },
          "198.51.100.1",
        ),
      ),
    ).toEqual({ currentPassword: "is wrong" });
    expect(
      await fieldErrors(
        changeOwnPassword(
          env.pool,
          id,
          { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" },
          "198.51.100.1",
        ),
      ),
    ).toEqual({
      newPassword: "must be at least 12 characters",
    });
    expect(
      await fieldErrors(
        changeOwnPassword(
          env.pool,
          id,
          { currentPassword: PASSWORD, newPassword: "another long password", confirmPassword: "something else" },
          "198.51.100.1",
        ),
      ),
    ).toEqual({ confirmPassword: "does not match the new password" });
    expect(await sessionVersion(id)).toBe(before);
    // The wrong guess counted as a failed login.
    const { rows } = await env.pool.query(
      `SELECT count(*)::int AS n FROM login_failures WHERE scope = 'account' AND key = 'own-account@example.org'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it("changes the password, bumps the session version and writes a 'password' revision", async () => {
    const before = await sessionVersion(id);
    const next = await changeOwnPassword(
      env.pool,
      id,
      { currentPassword: PASSWORD, newPassword: "the new password!", confirmPassword: "the new password!" },
      "198.51.100.1",
    );
    expect(next).toBe(before + 1);
    expect(await sessionVersion(id)).toBe(before + 1);
    const { rows } = await env.pool.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    expect(await verifyPassword(rows[0].password_hash, "the new password!")).toBe(true);
    expect(await verifyPassword(rows[0].password_hash, PASSWORD)).toBe(false);
    const last = (await revisions(id)).at(-1)!;
    expect(last).toMatchObject({ action: "password", user_id: id });
    expect(JSON.stringify(last.changes)).not.toContain("argon2");
  });

  it("log out everywhere bumps the session version and writes a 'logout_all' revision", async () => {
    const before = await sessionVersion(id);
    await logOutEverywhere(env.pool, id);
    expect(await sessionVersion(id)).toBe(before + 1);
    expect((await revisions(id)).at(-1)).toMatchObject({ action: "logout_all", user_id: id });
  });
});

describe("server-side sessions (user_sessions)", () => {
  type Callbacks = {
    jwt: (params: {
      token: Record<string, unknown>;
      user?: Record<string, unknown>;
    }) => Promise<Record<string, unknown>>;
  };
  const options = () =>
    authOptions() as unknown as {
      callbacks: Callbacks;
      events: { signOut: (params: { token: Record<string, unknown> }) => Promise<void> };
    };
  /** What next-auth does at a login: the jwt callback with the user `authorize` returned. */
  async function logInToken(id: number): Promise<{ sid: string }> {
    const token = await options().callbacks.jwt({
      token: {},
      user: { id: String(id), sessionVersion: await sessionVersion(id) },
    });
    return token as { sid: string };
  }
  async function openSessions(id: number): Promise<string[]> {
    const { rows } = await env.pool.query<{ id: string }>(
      `SELECT id FROM user_sessions WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() ORDER BY id`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  it("a login records a session of at most the cookie's lifetime; a logout (next-auth's signOut event) ends only that one", async () => {
    const id = await newUser("sessions@example.org");
    const one = await logInToken(id);
    const two = await logInToken(id);
    expect(one.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await openSessions(id)).toEqual([one.sid, two.sid].sort());
    const { rows } = await env.pool.query(
      `SELECT round(extract(epoch FROM expires_at - created_at))::int AS seconds FROM user_sessions WHERE id = $1`,
      [one.sid],
    );
    expect(rows[0].seconds).toBe(12 * 60 * 60);
    await options().events.signOut({ token: { ...one, uid: id } });
    expect(await openSessions(id)).toEqual([two.sid]);
    // A token without a session id (from before the table) ends nothing, and breaks nothing.
    await options().events.signOut({ token: { uid: id } });
    expect(await openSessions(id)).toEqual([two.sid]);
  });

  it("log out everywhere, a password change and disabling end every session of the user, and only theirs", async () => {
    const id = await newUser("sessions-end@example.org");
    const other = await newUser("sessions-other@example.org");
    const admin = await newUser("sessions-admin@example.org", "admin");
    const others = await logInToken(other);
    await logInToken(id);
    await logOutEverywhere(env.pool, id);
    expect(await openSessions(id)).toEqual([]);
    await logInToken(id);
    await changeOwnPassword(
      env.pool,
      id,
      { currentPassword: PASSWORD, newPassword: "a different long one", confirmPassword: "a different long one" },
      "198.51.100.30",
    );
    expect(await openSessions(id)).toEqual([]);
    await logInToken(id);
    await setUserDisabled(env.pool, { userId: id, disabled: true }, admin);
    expect(await openSessions(id)).toEqual([]);
    await setUserDisabled(env.pool, { userId: id, disabled: false }, admin);
    expect(await openSessions(id)).toEqual([]);
    expect(await openSessions(other)).toEqual([others.sid]);
  });
});

describe("where the login page goes next", () => {
  it("keeps paths of this site and refuses everything else", () => {
    expect(safeNextPath("/curate/users?x=1")).toBe("/curate/users?x=1");
    expect(safeNextPath("/statements/3")).toBe("/statements/3");
    for (const bad of [
      undefined,
      "",
      "curate",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\t/evil.example",
      "/login?next=/x",
      "/setup",
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/curate");
    }
    expect(safeNextPath(["/curate/account", "//evil.example"])).toBe("/curate/account");
  });
});

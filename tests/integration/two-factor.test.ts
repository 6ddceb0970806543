import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPasswordLogin } from "@/lib/auth/login";
import { authOptions } from "@/lib/auth/options";
import { LOGIN_THROTTLE } from "@/lib/auth/throttle";
import {
  PENDING_LOGIN_SECONDS,
  SecondStepError,
  beginEnrolment,
  confirmEnrolment,
  enrolWithSecret,
  hashRecoveryCode,
  resetTwoFactor,
  tokenCreationProblem,
  totpCode,
  twoFactorStatus,
  verifySecondStep,
} from "@/lib/auth/two-factor";
import { createUser } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { useTestEnvironment } from "../support/integration";

// Two-factor login (issue 13, item 5) against a real Postgres: enrolment,
// the code step with its replay check, recovery codes, the login throttle over
// the second step, the password step's pending session, the token rule, reset.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("two_factor");
  process.env.AUTH_SECRET ??= "an auth secret for the integration tests only";
});
afterAll(async () => {
  await env.close();
});

const PASSWORD = "Quartz kettle 93 under the bridge";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
let counter = 0;

async function user(role: "admin" | "editor" = "editor", secret?: string): Promise<{ id: number; email: string }> {
  counter += 1;
  const email = `two-factor-${counter}-${Date.now().toString(36)}@example.org`;
  const id = await createUser(env.pool, { email, name: "", role, password: PASSWORD });
  if (secret) await enrolWithSecret(env.pool, id, secret);
  return { id, email };
}

/** A code of SECRET that is not the current one (nor one step either side). */
function wrongCode(): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(SECRET, Date.now() + d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

async function failures(scope: "account" | "address", key: string): Promise<number> {
  const { rows } = await env.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_failures WHERE scope = $1 AND key = lower($2)`,
    [scope, key],
  );
  return rows[0]!.n;
}

async function refusal(work: Promise<unknown>): Promise<SecondStepError | ValidationError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a refusal").toBeInstanceOf(Error);
  return error as SecondStepError | ValidationError;
}

/** next-auth's `authorize`, as the login route calls it. */
async function authorize(email: string, password: string, address: string): Promise<Record<string, unknown> | string> {
  const provider = authOptions().providers[0] as unknown as {
    options: {
      authorize: (
        credentials: Record<string, string>,
        request: { headers: Record<string, string> },
      ) => Promise<Record<string, unknown>>;
    };
  };
  return provider.options
    .authorize({ email, password }, { headers: { "x-forwarded-for": address } })
    .catch((e: Error) => e.message);
}

describe("enrolment", () => {
  it("shows one secret until a first code confirms it; then ten recovery codes, stored only as hashes, and a revision", async () => {
    const { id, email } = await user();
    const first = await beginEnrolment(env.pool, { id, email });
    const again = await beginEnrolment(env.pool, { id, email });
    expect(first!.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(again!.secret).toBe(first!.secret);
    expect(first!.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}/);
    expect(first!.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(first!.qrCodeDataUrl.split(",")[1]!, "base64").toString("utf8")).toContain("<svg");

    const wrong = await refusal(confirmEnrolment(env.pool, id, totpCode(SECRET)));
    expect((wrong as ValidationError).fields[0]).toMatchObject({
      field: "code",
      message: expect.stringMatching(/^is wrong/),
    });
    const malformed = await refusal(confirmEnrolment(env.pool, id, "12 34"));
    expect((malformed as ValidationError).fields[0]).toMatchObject({
      field: "code",
      message: expect.stringMatching(/6 digits/),
    });
    expect((await twoFactorStatus(env.pool, id)).enabled).toBe(false);

    const { recoveryCodes } = await confirmEnrolment(env.pool, id, totpCode(first!.secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const { rows } = await env.pool.query(
      `SELECT secret, pending_secret, recovery_code_hashes FROM user_two_factor WHERE user_id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ secret: first!.secret, pending_secret: null });
    expect(rows[0].recovery_code_hashes).toEqual(recoveryCodes.map(hashRecoveryCode));
    for (const hash of rows[0].recovery_code_hashes as string[]) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await twoFactorStatus(env.pool, id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Once on, there is nothing to enrol.
    expect(await beginEnrolment(env.pool, { id, email })).toBeNull();
    const { rows: revisions } = await env.pool.query(
      `SELECT action, user_id FROM revisions WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(revisions.map((r) => r.action)).toEqual(["create", "two_factor_enrol"]);
    // The code that confirmed the enrolment cannot log in again (its time step is used).
    const replay = await refusal(
      verifySecondStep(env.pool, { userId: id, email, address: "203.0.113.60" }, { code: totpCode(first!.secret) }),
    );
    expect(replay.message).toMatch(/already used/);
  });
});

describe("the code step", () => {
  it("accepts the current code once: the same code again is refused as a replay, without counting as a failure", async () => {
    const { id, email } = await user("editor", SECRET);
    const address = "203.0.113.61";
    expect(await verifySecondStep(env.pool, { userId: id, email, address }, { code: totpCode(SECRET) })).toEqual({
      method: "totp",
    });
    const replay = await refusal(
      verifySecondStep(env.pool, { userId: id, email, address }, { code: totpCode(SECRET) }),
    );
    expect(replay).toBeInstanceOf(SecondStepError);
    expect(replay).toMatchObject({ status: 400, field: "code", message: expect.stringMatching(/already used/) });
    expect(await failures("account", email)).toBe(0);
    // The next step's code (one step of clock drift) is still good.
    expect(
      await verifySecondStep(env.pool, { userId: id, email, address }, { code: totpCode(SECRET, Date.now() + 30_000) }),
    ).toEqual({ method: "totp" });
  });

  it("a recovery code logs in once; used twice at the same moment, only one of the two gets in", async () => {
    const { id, email } = await user();
    const enrolment = await beginEnrolment(env.pool, { id, email });
    const { recoveryCodes } = await confirmEnrolment(env.pool, id, totpCode(enrolment!.secret));
    const account = { userId: id, email, address: "203.0.113.62" };
    // Typed in capitals and without dashes: the same code.
    expect(
      await verifySecondStep(env.pool, account, { recoveryCode: recoveryCodes[0]!.replaceAll("-", "").toUpperCase() }),
    ).toEqual({ method: "recovery", recoveryCodesLeft: 9 });
    const again = await refusal(verifySecondStep(env.pool, account, { recoveryCode: recoveryCodes[0]! }));
    expect(again).toMatchObject({ status: 400, field: "recoveryCode", message: "is wrong or was already used" });

    const results = await Promise.allSettled(
      [1, 2].map(() => verifySecondStep(env.pool, account, { recoveryCode: recoveryCodes[1]! })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await twoFactorStatus(env.pool, id)).recoveryCodesLeft).toBe(8);
    const malformed = await refusal(verifySecondStep(env.pool, account, { recoveryCode: "abc" }));
    expect((malformed as ValidationError).fields[0]).toMatchObject({
      field: "recoveryCode",
      message: expect.stringMatching(/16 letters and digits/),
    });
  });
});

describe("the login throttle covers the second step", () => {
  it(`wrong codes count per account: after ${LOGIN_THROTTLE.maxFailuresPerAccount}, even the right code is refused (429); a right password does not clear them`, async () => {
    const { id, email } = await user("editor", SECRET);
    const address = "203.0.113.70";
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount - 1; i++) {
      const error = await refusal(
        verifySecondStep(env.pool, { userId: id, email, address: `203.0.113.${100 + i}` }, { code: wrongCode() }),
      );
      expect(error).toMatchObject({ status: 400, field: "code", message: expect.stringMatching(/^is wrong/) });
    }
    // The password step of a two-factor account leaves the account's failures in place.
    expect(await checkPasswordLogin(env.pool, { email, password: PASSWORD, address })).toMatchObject({ ok: true });
    expect(await failures("account", email)).toBe(LOGIN_THROTTLE.maxFailuresPerAccount - 1);
    await refusal(verifySecondStep(env.pool, { userId: id, email, address }, { code: wrongCode() }));
    expect(await failures("account", email)).toBe(LOGIN_THROTTLE.maxFailuresPerAccount);

    const locked = await refusal(
      verifySecondStep(env.pool, { userId: id, email, address: "203.0.113.71" }, { code: totpCode(SECRET) }),
    );
    expect(locked).toMatchObject({
      status: 429,
      field: "code",
      message: expect.stringMatching(/too many times; try again in \d+ minutes/),
    });
    // Recovery codes too, and the password step.
    await refusal(
      verifySecondStep(
        env.pool,
        { userId: id, email, address: "203.0.113.71" },
        { recoveryCode: "aaaa-bbbb-cccc-dddd" },
      ),
    );
    expect(await checkPasswordLogin(env.pool, { email, password: PASSWORD, address: "203.0.113.72" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });

    // Once the window has passed, the right code gets in and clears the account.
    await env.pool.query(
      `UPDATE login_failures SET failed_at = failed_at - make_interval(mins => $2) WHERE scope = 'account' AND key = lower($1)`,
      [email, LOGIN_THROTTLE.windowMinutes],
    );
    expect(
      await verifySecondStep(env.pool, { userId: id, email, address: "203.0.113.73" }, { code: totpCode(SECRET) }),
    ).toEqual({ method: "totp" });
    expect(await failures("account", email)).toBe(0);
  });

  it("20 wrong codes sent at once reach the check at most the limit's times; the rest are refused as throttled", async () => {
    const { id, email } = await user("editor", SECRET);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        verifySecondStep(env.pool, { userId: id, email, address: `198.51.100.${i + 1}` }, { code: wrongCode() }),
      ),
    );
    const reasons = results.map((r) => (r.status === "rejected" ? (r.reason as SecondStepError).status : 200));
    expect(reasons.filter((s) => s === 400).length).toBeLessThanOrEqual(LOGIN_THROTTLE.maxFailuresPerAccount);
    expect(reasons.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - LOGIN_THROTTLE.maxFailuresPerAccount);
    expect(reasons).not.toContain(200);
    expect(await failures("account", email)).toBe(LOGIN_THROTTLE.maxFailuresPerAccount);
  });

  it(`wrong codes count per address: ${LOGIN_THROTTLE.maxFailuresPerAddress} from one address across accounts block it for every account`, async () => {
    const address = "192.0.2.80";
    const accounts = await Promise.all(Array.from({ length: 5 }, () => user("editor", SECRET)));
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAddress; i++) {
      const { id, email } = accounts[i % accounts.length]!;
      await refusal(verifySecondStep(env.pool, { userId: id, email, address }, { code: wrongCode() }));
    }
    expect(await failures("address", address)).toBe(LOGIN_THROTTLE.maxFailuresPerAddress);
    const fresh = await user("editor", SECRET);
    const blocked = await refusal(
      verifySecondStep(env.pool, { userId: fresh.id, email: fresh.email, address }, { code: totpCode(SECRET) }),
    );
    expect(blocked).toMatchObject({ status: 429 });
    // From another address the same account gets in.
    expect(
      await verifySecondStep(
        env.pool,
        { userId: fresh.id, email: fresh.email, address: "192.0.2.81" },
        { code: totpCode(SECRET) },
      ),
    ).toEqual({ method: "totp" });
  });
});

describe("the password step", () => {
  it("leaves a pending session for a two-factor account, an enrolment step for an admin without it, a full one for an editor without it", async () => {
    const withCode = await user("editor", SECRET);
    const admin = await user("admin");
    const plain = await user("editor");
    const before = Math.floor(Date.now() / 1000);
    const pending = await authorize(withCode.email, PASSWORD, "203.0.113.90");
    expect(pending).toMatchObject({ id: String(withCode.id), mfa: "pending" });
    const until = (pending as { mfaUntil: number }).mfaUntil;
    expect(until).toBeGreaterThanOrEqual(before + PENDING_LOGIN_SECONDS);
    expect(until).toBeLessThanOrEqual(before + PENDING_LOGIN_SECONDS + 5);
    expect(await authorize(admin.email, PASSWORD, "203.0.113.90")).toMatchObject({
      id: String(admin.id),
      mfa: "enrol",
    });
    const full = await authorize(plain.email, PASSWORD, "203.0.113.90");
    expect(full).toMatchObject({ id: String(plain.id) });
    expect((full as { mfa?: string }).mfa).toBeUndefined();
  });
});

describe("API tokens and two-factor login", () => {
  it("a user with two-factor login creates tokens only from a session that passed the code step", async () => {
    const withCode = await user("editor", SECRET);
    const plain = await user("editor");
    expect(await tokenCreationProblem(env.pool, withCode.id, undefined)).toMatch(
      /needs a session that passed the two-factor step/,
    );
    expect(await tokenCreationProblem(env.pool, withCode.id, "pending")).toMatch(/two-factor step/);
    expect(await tokenCreationProblem(env.pool, withCode.id, "done")).toBeNull();
    expect(await tokenCreationProblem(env.pool, plain.id, undefined)).toBeNull();
  });
});

describe("reset by an admin", () => {
  it("removes the enrolment, ends the user's sessions, writes a revision naming the admin; never the admin's own", async () => {
    const admin = await user("admin", SECRET);
    const target = await user("editor", SECRET);
    const { rows: before } = await env.pool.query(`SELECT session_version FROM users WHERE id = $1`, [target.id]);
    await resetTwoFactor(env.pool, target.id, admin.id);
    expect((await twoFactorStatus(env.pool, target.id)).enabled).toBe(false);
    const { rows: after } = await env.pool.query(`SELECT session_version FROM users WHERE id = $1`, [target.id]);
    expect(after[0].session_version).toBe(before[0].session_version + 1);
    const { rows } = await env.pool.query(
      `SELECT action, user_id, changes FROM revisions WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [target.id],
    );
    expect(rows[0]).toMatchObject({
      action: "two_factor_reset",
      user_id: admin.id,
      changes: { twoFactor: ["on", "off"] },
    });

    const again = await refusal(resetTwoFactor(env.pool, target.id, admin.id));
    expect((again as ValidationError).fields[0]).toMatchObject({
      field: "id",
      message: "has no two-factor login to reset",
    });
    const own = await refusal(resetTwoFactor(env.pool, admin.id, admin.id));
    expect((own as ValidationError).fields[0]).toMatchObject({
      field: "id",
      message: expect.stringMatching(/cannot be your own account/),
    });
  });
});

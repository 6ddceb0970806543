import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password";
import { claimSetupToken, createSetupToken } from "@/lib/auth/setup-token";
import { changeOwnPassword, createUser } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { useTestEnvironment } from "../support/integration";

// Wherever a password is set, a common one (password1234) is refused with a
// message naming the field: the setup link, the users screen (createUser), the
// account screen, and npm run user:create.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("common_passwords");
});
afterAll(async () => {
  await env.close();
});

async function fieldErrors(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return Object.fromEntries((error as ValidationError).fields.map((f) => [f.field, f.message]));
}

describe("common passwords", () => {
  it("are refused by the first-admin setup link (which stays usable)", async () => {
    const token = await createSetupToken(env.pool);
    expect(
      await fieldErrors(
        claimSetupToken(env.pool, { token, email: "first@example.org", name: "", password: "password1234" }),
      ),
    ).toEqual({ password: COMMON_PASSWORD_MESSAGE });
    expect(
      await claimSetupToken(env.pool, {
        token,
        email: "first@example.org",
        name: "",
        password: "a long enough password",
      }),
    ).toBeGreaterThan(0);
  });

  it("are refused when an admin creates an account", async () => {
    expect(
      await fieldErrors(
        createUser(env.pool, { email: "weak@example.org", name: "", role: "editor", password: "password1234" }),
      ),
    ).toEqual({ password: COMMON_PASSWORD_MESSAGE });
    const { rows } = await env.pool.query(`SELECT 1 FROM users WHERE email = 'weak@example.org'`);
    expect(rows).toHaveLength(0);
  });

  it("are refused as a new password on the account screen", async () => {
    const id = await createUser(env.pool, {
      email: "changer@example.org",
      name: "",
      role: "editor",
      password: "a long enough password",
    });
    const errors = await fieldErrors(
      changeOwnPassword(
        env.pool,
        id,
        { currentPassword: "a long enough password", newPassword: "password1234", confirmPassword: "password1234" },
        "203.0.113.50",
      ),
    );
    expect(errors).toEqual({ newPassword: COMMON_PASSWORD_MESSAGE });
  });

  it("are refused by npm run user:create, naming the field", async () => {
    const childEnv = {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      MEILI_URL: env.services.meiliUrl,
      MEILI_MASTER_KEY: env.services.meiliKey,
      MEILI_INDEX: env.indexUid,
    };
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = execFile(
        path.resolve("node_modules/.bin/tsx"),
        ["scripts/user-create.ts", "--email", "cli@example.org", "--role", "editor", "--password-stdin"],
        { env: childEnv, timeout: 120_000 },
        (error, _stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
      child.stdin!.end("password1234\n");
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`password: ${COMMON_PASSWORD_MESSAGE}`);
  });
});

import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

// The accounts scripts/e2e.ts creates in the run's own database. The
// "curate-setup" project logs each in once and saves its session state here.
export const E2E_CURATORS = {
  // Admins must have two-factor login: scripts/e2e.ts enrols this one with a known secret, and logIn types its codes.
  admin: {
    email: "admin@example.org",
    name: "Ada Admin",
    role: "admin",
    password: "admin-password-for-e2e",
    totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  },
  editor: { email: "editor@example.org", name: "Eddie Editor", role: "editor", password: "editor-password-for-e2e" },
} as const;

export const STORAGE_STATE = {
  admin: "e2e/.auth/admin.json",
  editor: "e2e/.auth/editor.json",
} as const;

/** The TOTP code of `secret` at `timestamp` (RFC 6238: SHA-1, 6 digits, 30 s, as the app is set up). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new TOTP({
    secret: Secret.fromBase32(secret.replace(/\s+/g, "")),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  }).generate({ timestamp });
}

/** The known TOTP secret of an e2e account, if it has one. */
export function totpSecretOf(email: string): string | undefined {
  const curator = Object.values(E2E_CURATORS).find((c) => c.email === email);
  return curator && "totpSecret" in curator ? curator.totpSecret : undefined;
}

/**
 * Types a code on the two-factor step. A code already used (another login of
 * the same account in this 30-second window) is refused as a replay, so the
 * next step's code is tried (the server accepts one step either side), and
 * failing that, the code of the next window once it comes.
 */
export async function enterTotpCode(page: Page, secret: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const offset = attempt % 2 === 0 ? 0 : 30_000;
    await page.getByLabel("Code", { exact: true }).fill(totpCode(secret, Date.now() + offset));
    // Judged by the route's answer, not by what the page shows (an earlier message may still be there).
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/login/two-factor" && r.request().method() === "POST",
      ),
      page.getByRole("button", { name: "Continue" }).click(),
    ]);
    if (response.ok()) {
      await page.waitForURL((url) => url.pathname !== "/login/two-factor");
      return;
    }
    const message = ((await response.json()) as { error: { message: string } }).error.message;
    if (!/already used/.test(message)) throw new Error(`the code was refused: ${message}`);
    if (attempt % 2 === 1) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error("no code was accepted");
}

/**
 * Logs in through the login page as a user would: the password, then the
 * code where the account has two-factor login (`totpSecret`, by default the
 * e2e account's known one). Ends in the workspace.
 */
export async function logIn(
  page: Page,
  email: string,
  password: string,
  totpSecret = totpSecretOf(email),
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  if (new URL(page.url()).pathname === "/login/two-factor") {
    if (!totpSecret) throw new Error(`${email} is asked for a two-factor code, but no secret is known for it`);
    await enterTotpCode(page, totpSecret);
  }
  await expect(page).toHaveURL(/\/curate/);
}

/**
 * On the enrolment step (login or account screen): reads the secret shown as
 * text, confirms it with a code, and returns it with the recovery codes shown.
 */
export async function enrolOnPage(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = ((await page.getByTestId("two-factor-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code", { exact: true }).fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor login" }).click();
  const list = page.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const recoveryCodes = (await list.locator("li").allTextContents()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

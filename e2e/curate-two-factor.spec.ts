import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type PlaywrightWorkerArgs,
} from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { E2E_CURATORS, STORAGE_STATE, enrolOnPage, enterTotpCode, logIn, totpCode } from "./support/curators";

// Two-factor login (issue 13, item 5): enrolment with the QR code or the typed
// secret, the code step at login, wrong and replayed codes, recovery codes,
// admins made to enrol first, the admins' reset, and the token rule.

let counter = 0;

function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.org`;
}

async function adminApi(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL,
    storageState: STORAGE_STATE.admin,
    extraHTTPHeaders: { Origin: baseURL },
  });
}

async function createCurator(
  admin: APIRequestContext,
  label: string,
  role: "admin" | "editor" = "editor",
): Promise<{ id: number; email: string; password: string }> {
  const email = uniqueEmail(label);
  const password = `Copper lantern ${label} ${Date.now()} meadow`;
  const response = await admin.post("/api/curate/users", { data: { email, name: `E2E ${label}`, role, password } });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { user: { id: number } }).user.id, email, password };
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** The password step only: the page is left wherever the login sends it. */
async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  // By id, not by label: the same in either language.
  await page.locator("#login-email").fill(email);
  await page.locator("#login-password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** A six-digit code that is none of the secret's valid ones right now. */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, Date.now() + d)));
  return ["000000", "111111", "222222"].find((c) => !valid.has(c))!;
}

/** An editor who turned two-factor login on from the account screen (typing the secret shown as text). */
async function enrolledEditor(browser: Browser, admin: APIRequestContext, label: string) {
  const user = await createCurator(admin, label);
  const page = await freshPage(browser);
  await logIn(page, user.email, user.password);
  await page.goto("/curate/account/two-factor");
  const enrolled = await enrolOnPage(page);
  await page.context().close();
  return { ...user, ...enrolled };
}

test("an editor turns two-factor login on from the account screen; the next login asks for the code; a wrong code is refused; older sessions cannot make API tokens", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await adminApi(playwright, baseURL!);
  const user = await createCurator(admin, "tf-enrol");
  const page = await freshPage(browser);
  await logIn(page, user.email, user.password);
  // A second browser logged in before the enrolment.
  const older = await freshPage(browser);
  await logIn(older, user.email, user.password);

  await page.goto("/curate/account");
  await expect(page.getByTestId("two-factor-status")).toContainText("Off.");
  await page.getByRole("link", { name: "Set up two-factor login" }).click();
  await expect(page).toHaveURL(/\/curate\/account\/two-factor$/);
  await expect(
    page.getByRole("img", { name: `QR code holding the two-factor secret for ${user.email}` }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  // The same secret after a reload: what an app already scanned stays valid.
  const shown = await page.getByTestId("two-factor-secret").textContent();
  await page.reload();
  await expect(page.getByTestId("two-factor-secret")).toHaveText(shown!);
  // A wrong first code is named and changes nothing.
  const secret = shown!.replace(/\s+/g, "");
  await page.getByLabel("Code", { exact: true }).fill(wrongCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor login" }).click();
  await expect(page.locator("#two-factor-enrol-code-error")).toContainText("Code: is wrong");
  const { recoveryCodes } = await enrolOnPage(page);
  expect(recoveryCodes.every((c) => /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/.test(c))).toBe(true);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/curate\/account$/);
  await expect(page.getByTestId("two-factor-status")).toContainText("Recovery codes left: 10.");

  // The token rule: this session passed a code (the enrolment's); the older one did not.
  const olderRefused = await older.request.post("/api/curate/tokens", {
    data: { name: "from the older session" },
    headers: { Origin: baseURL! },
  });
  expect(olderRefused.status()).toBe(403);
  expect((await olderRefused.json()).error.code).toBe("two_factor_required");
  const allowed = await page.request.post("/api/curate/tokens", {
    data: { name: "from the two-factor session" },
    headers: { Origin: baseURL! },
  });
  expect(allowed.status(), await allowed.text()).toBe(201);

  // A new login: the password alone does not open the workspace.
  const next = await freshPage(browser);
  await passwordStep(next, user.email, user.password);
  await expect(next).toHaveURL(/\/login\/two-factor\?next=%2Fcurate$/);
  await expect(next.getByRole("heading", { name: "Two-factor login", level: 1 })).toBeVisible();
  await expectNoAxeViolations(next);
  // Pending: every curator page and route treats it as logged out.
  expect((await next.request.get("/api/curate/tokens")).status()).toBe(401);
  await next.goto("/curate/account");
  await expect(next).toHaveURL(/\/login\?next=%2Fcurate%2Faccount$/);
  await next.goto("/login/two-factor?next=/curate/account");
  await next.getByLabel("Code", { exact: true }).fill(wrongCode(secret));
  await next.getByRole("button", { name: "Continue" }).click();
  await expect(next.locator("#two-factor-code-error")).toHaveText(
    "Code: is wrong: type the code your authenticator app shows now",
  );
  await expectNoAxeViolations(next);
  await enterTotpCode(next, secret);
  await expect(next).toHaveURL(/\/curate\/account$/);
  await expect(next.getByRole("heading", { name: "Your account" })).toBeVisible();

  for (const p of [page, older, next]) await p.context().close();
  await admin.dispose();
});

test("a recovery code logs in once", async ({ browser, playwright, baseURL }) => {
  const admin = await adminApi(playwright, baseURL!);
  const user = await enrolledEditor(browser, admin, "tf-recovery");
  const page = await freshPage(browser);
  await passwordStep(page, user.email, user.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(user.recoveryCodes[0]!.toUpperCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#two-factor-status")).toHaveText("Logged in with a recovery code. You have 9 left.");
  await expect(page).toHaveURL(/\/curate$/);

  const again = await freshPage(browser);
  await passwordStep(again, user.email, user.password);
  await again.getByRole("button", { name: "Use a recovery code instead" }).click();
  await again.getByLabel("Recovery code").fill(user.recoveryCodes[0]!);
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again.locator("#two-factor-recovery-error")).toHaveText("Recovery code: is wrong or was already used");
  await expect(again).toHaveURL(/\/login\/two-factor/);
  // Another one still works.
  await again.getByLabel("Recovery code").fill(user.recoveryCodes[1]!);
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again).toHaveURL(/\/curate$/);
  await page.context().close();
  await again.context().close();
  await admin.dispose();
});

test("an admin without two-factor login must enrol right after the password, before anything else", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await adminApi(playwright, baseURL!);
  const user = await createCurator(admin, "tf-admin", "admin");
  const page = await freshPage(browser);
  await passwordStep(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/two-factor\?next=%2Fcurate$/);
  await expect(page.getByRole("heading", { name: "Turn on two-factor login", level: 1 })).toBeVisible();
  await expect(page.getByText("Admins must use two-factor login. Set it up now to continue.")).toBeVisible();
  await expectNoAxeViolations(page);
  // Nothing else opens meanwhile: pages send to the login, routes answer 401.
  await page.goto("/curate/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fcurate%2Fusers$/);
  expect((await page.request.get("/api/curate/tokens")).status()).toBe(401);
  expect(
    (
      await page.request.post("/api/curate/users", {
        data: { email: uniqueEmail("sneaky"), role: "admin", generate: true },
        headers: { Origin: baseURL! },
      })
    ).status(),
  ).toBe(401);
  // Nor can the code step be skipped to: there is no code to type yet.
  expect(
    (
      await page.request.post("/api/login/two-factor", { data: { code: "123456" }, headers: { Origin: baseURL! } })
    ).status(),
  ).toBe(401);

  await page.goto("/login/two-factor?next=/curate/users");
  await enrolOnPage(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/curate\/users$/);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  // No lasting extra admin.
  expect((await admin.patch(`/api/curate/users/${user.id}`, { data: { role: "editor" } })).status()).toBe(200);
  await page.context().close();
  await admin.dispose();
});

test.describe("the users screen", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin resets a user's two-factor login: their sessions end, and they log in with the password alone", async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    const admin = await adminApi(playwright, baseURL!);
    const user = await enrolledEditor(browser, admin, "tf-reset");
    const theirs = await freshPage(browser);
    await logIn(theirs, user.email, user.password, user.secret);

    await page.goto("/curate/users");
    const row = page.locator(`tr[data-user-email="${user.email}"]`);
    await expect(row.getByRole("button", { name: `Reset two-factor login of ${user.email}` })).toBeVisible();
    await expectNoAxeViolations(page);
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: `Reset two-factor login of ${user.email}` }).click();
    await expect(row.getByTestId("two-factor-reset-status")).toHaveText(
      `Two-factor login of ${user.email} was reset; their sessions were ended.`,
    );
    await expect(row.getByRole("button", { name: `Reset two-factor login of ${user.email}` })).toHaveCount(0);

    await theirs.goto("/curate/account");
    await expect(theirs).toHaveURL(/\/login\?next=%2Fcurate%2Faccount$/);
    await logIn(theirs, user.email, user.password, undefined);
    await theirs.goto("/curate/account");
    await expect(theirs.getByTestId("two-factor-status")).toContainText("Off.");

    // The activity log names the reset.
    await page.goto("/curate");
    await expect(page.getByRole("cell", { name: "reset the two-factor login of" }).first()).toBeVisible();
    // Bad calls name their problem.
    const api = await adminApi(playwright, baseURL!);
    const again = await api.delete(`/api/curate/users/${user.id}/two-factor`);
    expect(again.status()).toBe(400);
    expect((await again.json()).error.fields[0]).toMatchObject({
      field: "id",
      message: "has no two-factor login to reset",
    });
    expect((await api.delete(`/api/curate/users/abc/two-factor`)).status()).toBe(400);
    expect((await api.delete(`/api/curate/users/999999/two-factor`)).status()).toBe(404);
    await api.dispose();
    await theirs.context().close();
    await admin.dispose();
  });
});

test("in Arabic, the code step is right to left, passes axe and names a wrong code; a password change leads back through the code step", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await adminApi(playwright, baseURL!);
  const user = await enrolledEditor(browser, admin, "tf-arabic");
  await admin.dispose();
  const page = await freshPage(browser);
  await useLocale(page.context(), baseURL!, "ar");
  await passwordStep(page, user.email, user.password);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: "الدخول بخطوتين", level: 1 })).toBeVisible();
  await page.getByLabel("الرمز", { exact: true }).fill(wrongCode(user.secret));
  await page.getByRole("button", { name: "متابعة" }).click();
  await expect(page.locator("#two-factor-code-error")).toContainText("is wrong");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "استخدم رمز استرداد بدلًا من ذلك" }).click();
  await expect(page.getByLabel("رمز الاسترداد")).toBeVisible();
  await page.context().close();

  // A password change ends the other sessions; this browser's new login passes the code step again.
  const here = await freshPage(browser);
  await logIn(here, user.email, user.password, user.secret);
  const newPassword = `${user.password} renewed`;
  await here.goto("/curate/account");
  await here.getByLabel("Current password").fill(user.password);
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByLabel("New password again").fill(newPassword);
  await here.getByRole("button", { name: "Change the password" }).click();
  await expect(here).toHaveURL(/\/login\/two-factor\?next=%2Fcurate%2Faccount$/);
  await enterTotpCode(here, user.secret);
  await expect(here).toHaveURL(/\/curate\/account$/);
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();
  await here.context().close();
});

test("the two-factor routes: no pending login is 401, a foreign origin 403, an editor cannot reset, bad input names its field", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const none = await anonymous.post("/api/login/two-factor", { data: { code: "123456" } });
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe("no_pending_login");
  expect((await anonymous.post("/api/login/two-factor/enrol", { data: { code: "123456" } })).status()).toBe(401);
  await anonymous.dispose();

  const editor = await playwright.request.newContext({
    baseURL,
    storageState: STORAGE_STATE.editor,
    extraHTTPHeaders: { Origin: baseURL! },
  });
  const refused = await editor.delete("/api/curate/users/1/two-factor");
  expect(refused.status()).toBe(403);
  await editor.dispose();

  const admin = await adminApi(playwright, baseURL!);
  const user = await enrolledEditor(browser, admin, "tf-routes");
  await admin.dispose();
  const page = await freshPage(browser);
  await passwordStep(page, user.email, user.password);
  const post = (data: unknown, origin = baseURL!) =>
    page.request.post("/api/login/two-factor", { data: data as Record<string, unknown>, headers: { Origin: origin } });
  expect((await post({ code: "123456" }, "https://evil.example")).status()).toBe(403);
  for (const [data, field] of [
    [{ code: "12ab56" }, "code"],
    [{ code: 123456 }, "code"],
    [{}, "code"],
    [{ recoveryCode: "short" }, "recoveryCode"],
    [{ code: "123456", remember: true }, "remember"],
  ] as const) {
    const response = await post(data);
    const body = await response.json();
    expect(response.status(), JSON.stringify(body)).toBe(400);
    expect(body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  }
  await page.context().close();
});

test("the e2e admin logs in with its code (the shared session has passed the second step)", async ({
  playwright,
  baseURL,
}) => {
  const admin = await adminApi(playwright, baseURL!);
  // The shared admin session may make tokens: it passed the code step in curate.setup.ts.
  const created = await admin.post("/api/curate/tokens", { data: { name: `tf-check ${Date.now()}` } });
  expect(created.status(), await created.text()).toBe(201);
  await admin.post(`/api/curate/tokens/${((await created.json()) as { apiToken: { id: number } }).apiToken.id}/revoke`);
  await admin.dispose();
  expect(E2E_CURATORS.admin.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
});

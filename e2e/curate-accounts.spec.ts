import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type PlaywrightWorkerArgs,
} from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { E2E_CURATORS, STORAGE_STATE, enrolOnPage, enterTotpCode, logIn } from "./support/curators";

// Accounts: the login page, the admins' users screen, the curator's account
// screen, and the route handlers behind them (session, role, origin).

const FOREIGN_ORIGIN = "https://evil.example";
let counter = 0;

/** An address no other test uses. */
function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.org`;
}

async function apiContext(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  options: { as?: "admin" | "editor"; origin?: string | null } = {},
) {
  const origin = options.origin === undefined ? baseURL : options.origin;
  return playwright.request.newContext({
    baseURL,
    ...(options.as ? { storageState: STORAGE_STATE[options.as] } : {}),
    ...(origin ? { extraHTTPHeaders: { Origin: origin } } : {}),
  });
}

/** A fresh editor made through the admin API, so that tests that end sessions never touch the shared accounts. */
async function createEditor(
  admin: APIRequestContext,
  label: string,
): Promise<{ id: number; email: string; password: string }> {
  const email = uniqueEmail(label);
  const password = `pw-${label}-${Date.now()}-long`;
  const response = await admin.post("/api/curate/users", {
    data: { email, name: `E2E ${label}`, role: "editor", password },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user: { id: number } };
  return { id: body.user.id, email, password };
}

/** A browser of its own, logged out (even inside a describe that uses the admin's session). */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("a wrong password shows the message and keeps the email; the page passes axe; next never leaves the site", async ({
  page,
}) => {
  await page.goto("/login");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email").fill(E2E_CURATORS.admin.email);
  await page.getByLabel("Password", { exact: true }).fill("not the admin password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.locator("#login-alert")).toHaveText("The email or password is wrong.");
  await expect(page.getByLabel("Email")).toHaveValue(E2E_CURATORS.admin.email);
  await expect(page).toHaveURL(/\/login$/);
  await expectNoAxeViolations(page);

  // The right password, with a `next` that points off the site: lands in the workspace instead.
  await page.goto(`/login?next=${encodeURIComponent("//evil.example/x")}`);
  await page.getByLabel("Email").fill(E2E_CURATORS.admin.email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_CURATORS.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The admin has two-factor login: the code step keeps the (safe) `next`.
  await expect(page).toHaveURL(/\/login\/two-factor\?next=%2Fcurate$/);
  await enterTotpCode(page, E2E_CURATORS.admin.totpSecret);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/curate$/);
  // Logged in: /login goes on to the workspace (or to a `next` of this site).
  await page.goto("/login");
  await expect(page).toHaveURL(/\/curate$/);
  await page.goto("/login?next=/curate/account");
  await expect(page).toHaveURL(/\/curate\/account$/);
});

test("the login page in Arabic passes axe and shows its message in Arabic", async ({ page, baseURL }) => {
  await useLocale(page.context(), baseURL!, "ar");
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByLabel("البريد الإلكتروني").fill("nobody-at-all@example.org");
  await page.getByLabel("كلمة المرور").fill("whatever it is");
  await page.getByRole("button", { name: "دخول" }).click();
  await expect(page.locator("#login-alert")).toHaveText("البريد الإلكتروني أو كلمة المرور غير صحيحة.");
  await expectNoAxeViolations(page);
});

test("a crafted ?error= cannot put its own words on the login page", async ({ page }) => {
  await page.goto(`/login?error=${encodeURIComponent("Call +1 555 0100 to unlock your account")}`);
  await expect(page.locator("#login-alert")).toHaveText("Logging in did not work. Try again.");
});

test.describe("the users screen", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin creates an editor, who logs in elsewhere; disabling them ends that session at once", async ({
    page,
    browser,
  }) => {
    await page.goto("/curate/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expect(page.getByRole("cell", { name: E2E_CURATORS.editor.email, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    // A rejected form keeps what was typed and names the field.
    const email = uniqueEmail("made-by-admin");
    await page.getByLabel("Email", { exact: true }).fill(E2E_CURATORS.editor.email.toUpperCase());
    await page.getByLabel("Name", { exact: true }).fill("Nadia Neu");
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(page.locator("#new-user-email-error")).toHaveText("Email: is already used by another account");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Nadia Neu");
    await expectNoAxeViolations(page);

    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(page.locator("#new-user-status")).toHaveText(`Created the account ${email}.`);
    const password = (await page.getByTestId("generated-password").textContent())!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = page.locator(`tr[data-user-email="${email}"]`);
    await expect(row).toContainText("Nadia Neu");
    await expect(row).toContainText("never");

    const editorPage = await freshPage(browser);
    await logIn(editorPage, email, password);
    await editorPage.goto("/curate/account");
    await expect(editorPage.getByRole("heading", { name: "Your account" })).toBeVisible();
    // An editor does not open the users screen.
    const forbidden = await editorPage.goto("/curate/users");
    expect(forbidden?.status()).toBe(403);

    await page.reload();
    await expect(row).not.toContainText("never");
    await row.getByRole("button", { name: `Disable ${email}` }).click();
    await expect(row.getByRole("status")).toHaveText(`${email} is disabled; their sessions were ended.`);
    await expect(row).toContainText("disabled");

    await editorPage.goto("/curate/account");
    await expect(editorPage).toHaveURL(/\/login\?next=%2Fcurate%2Faccount$/);
    // And they cannot log in again while disabled.
    await editorPage.getByLabel("Email").fill(email);
    await editorPage.getByLabel("Password", { exact: true }).fill(password);
    await editorPage.getByRole("button", { name: "Log in" }).click();
    await expect(editorPage.locator("#login-alert")).toHaveText("The email or password is wrong.");
    await editorPage.context().close();
  });

  test("changing a role ends that user's sessions; their new role applies at their next login", async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    const admin = await apiContext(playwright, baseURL!, { as: "admin" });
    const user = await createEditor(admin, "promoted");
    const theirPage = await freshPage(browser);
    await logIn(theirPage, user.email, user.password);

    await page.goto("/curate/users");
    const row = page.locator(`tr[data-user-email="${user.email}"]`);
    await row.getByLabel(`Role of ${user.email}`).selectOption("admin");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row.getByRole("status")).toHaveText(`${user.email} is now admin; their sessions were ended.`);

    await theirPage.goto("/curate/users");
    await expect(theirPage).toHaveURL(/\/login\?next=%2Fcurate%2Fusers$/);
    await theirPage.getByLabel("Email").fill(user.email);
    await theirPage.getByLabel("Password", { exact: true }).fill(user.password);
    await theirPage.getByRole("button", { name: "Log in" }).click();
    // Now an admin without two-factor login: the enrolment comes first, then the page they asked for.
    await expect(theirPage).toHaveURL(/\/login\/two-factor\?next=%2Fcurate%2Fusers$/);
    await enrolOnPage(theirPage);
    await theirPage.getByRole("link", { name: "Continue" }).click();
    await expect(theirPage).toHaveURL(/\/curate\/users$/);
    await expect(theirPage.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    // Back to editor, so that this test adds no lasting admin.
    const demoted = await admin.patch(`/api/curate/users/${user.id}`, { data: { role: "editor" } });
    expect(demoted.status()).toBe(200);
    await theirPage.context().close();
    await admin.dispose();
  });
});

test("every account route refuses a request without a session (401), an editor on the admin routes (403) and a foreign origin (403)", async ({
  playwright,
  baseURL,
}) => {
  const routes: Array<["post" | "patch", string, Record<string, unknown>]> = [
    ["post", "/api/curate/users", { email: uniqueEmail("nobody"), role: "editor", generate: true }],
    ["patch", "/api/curate/users/1", { disabled: true }],
    ["post", "/api/curate/account/password", { currentPassword: "x", newPassword: "y", confirmPassword: "y" }],
    ["post", "/api/curate/account/logout-all", {}],
  ];
  const anonymous = await apiContext(playwright, baseURL!);
  for (const [method, url, data] of routes) {
    const response = await anonymous[method](url, { data });
    expect(response.status(), `${method} ${url}`).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  }
  await anonymous.dispose();

  const editor = await apiContext(playwright, baseURL!, { as: "editor" });
  for (const [method, url, data] of routes.slice(0, 2)) {
    const response = await editor[method](url, { data });
    expect(response.status(), `${method} ${url} as editor`).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
  await editor.dispose();

  for (const origin of [FOREIGN_ORIGIN, null]) {
    const admin = await apiContext(playwright, baseURL!, { as: "admin", origin });
    for (const [method, url, data] of routes.slice(0, 3)) {
      const response = await admin[method](url, { data });
      expect(response.status(), `${method} ${url} from ${origin ?? "no origin"}`).toBe(403);
      expect((await response.json()).error.code).toBe("cross_origin");
    }
    // The session must survive: logout-all from a foreign page would end it.
    const response = await admin.post("/api/curate/account/logout-all");
    expect(response.status()).toBe(403);
    await admin.dispose();
  }
  const foreign = await apiContext(playwright, baseURL!, { origin: FOREIGN_ORIGIN });
  expect((await foreign.post("/api/setup", { data: { token: "x" } })).status()).toBe(403);
  await foreign.dispose();
});

test("bad input to the account routes gets a 400 naming the field, never a 500", async ({ playwright, baseURL }) => {
  const admin = await apiContext(playwright, baseURL!, { as: "admin" });
  const cases: Array<["post" | "patch", string, unknown, string]> = [
    ["post", "/api/curate/users", { email: "not-an-email", role: "editor", generate: true }, "email"],
    ["post", "/api/curate/users", { email: uniqueEmail("badrole"), role: "owner", generate: true }, "role"],
    ["post", "/api/curate/users", { email: uniqueEmail("short"), role: "editor", password: "short" }, "password"],
    [
      "post",
      "/api/curate/users",
      { email: uniqueEmail("long"), name: "n".repeat(201), role: "editor", generate: true },
      "name",
    ],
    ["post", "/api/curate/users", { email: 42, role: "editor", generate: true }, "email"],
    ["post", "/api/curate/users", { email: uniqueEmail("gen"), role: "editor", generate: "yes" }, "generate"],
    ["post", "/api/curate/users", ["an", "array"], "body"],
    ["patch", "/api/curate/users/abc", { disabled: true }, "id"],
    ["patch", "/api/curate/users/1", { role: "owner" }, "role"],
    ["patch", "/api/curate/users/1", { disabled: "yes" }, "disabled"],
    ["patch", "/api/curate/users/1", { role: "editor", disabled: true }, "body"],
    ["patch", "/api/curate/users/1", { email: "x@example.org" }, "email"],
    [
      "post",
      "/api/curate/account/password",
      {
        currentPassword: "wrong wrong wrong",
        newPassword: "a fine new password",
        confirmPassword: "a fine new password",
      },
      "currentPassword",
    ],
    [
      "post",
      "/api/curate/account/password",
      { currentPassword: ["x"], newPassword: "a fine new password", confirmPassword: "a fine new password" },
      "currentPassword",
    ],
  ];
  for (const [method, url, data, field] of cases) {
    const response = await admin[method](url, { data: data as Record<string, unknown> });
    const body = await response.json();
    expect(response.status(), `${method} ${url} ${JSON.stringify(data)}: ${JSON.stringify(body)}`).toBe(400);
    expect(
      body.error.fields.map((f: { field: string }) => f.field),
      JSON.stringify(body),
    ).toContain(field);
  }
  const notJson = await admin.post("/api/curate/users", {
    data: "{not json",
    headers: { "Content-Type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  const unknown = await admin.patch("/api/curate/users/999999", { data: { disabled: true } });
  expect(unknown.status()).toBe(404);
  await admin.dispose();

  // The setup route: no token, or a wrong one, is a clear 4xx once an admin exists.
  const anonymous = await apiContext(playwright, baseURL!);
  const wrongToken = await anonymous.post("/api/setup", {
    data: { token: "not-a-token", email: uniqueEmail("setup"), password: "a long enough password" },
  });
  expect(wrongToken.status()).toBe(404);
  expect((await wrongToken.json()).error.message).toMatch(/not valid/);
  const setupBadBody = await anonymous.post("/api/setup", { data: { token: 5 } });
  expect(setupBadBody.status()).toBe(400);
  await anonymous.dispose();
});

test("the setup page explains an unusable link instead of showing the form", async ({ page }) => {
  await page.goto("/setup?token=not-a-token");
  await expect(page.getByRole("heading", { name: "This setup link cannot be used" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a normal logout ends the session on the server: a copy of its cookie stops working", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await apiContext(playwright, baseURL!, { as: "admin" });
  const user = await createEditor(admin, "copied-cookie");
  await admin.dispose();
  const page = await freshPage(browser);
  await logIn(page, user.email, user.password);
  // Someone copies the cookie (a shared computer, a stolen backup of the profile).
  const copied = await page.context().storageState();
  const thief = await browser.newContext({ storageState: copied });
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/curate/account");
  await expect(thiefPage).toHaveURL(/\/curate\/account$/);
  const thiefApi = await playwright.request.newContext({
    baseURL,
    storageState: copied,
    extraHTTPHeaders: { Origin: baseURL! },
  });
  expect((await thiefApi.get("/api/curate/tokens")).status()).toBe(200);

  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await thiefPage.goto("/curate/account");
  await expect(thiefPage).toHaveURL(/\/login\?next=%2Fcurate%2Faccount$/);
  expect((await thiefApi.get("/api/curate/tokens")).status()).toBe(401);
  // The user can log in again; the new session is a new one.
  await logIn(page, user.email, user.password);
  expect((await thiefApi.get("/api/curate/tokens")).status()).toBe(401);
  await thiefApi.dispose();
  await thief.close();
  await page.context().close();
});

test("API tokens stop working (401) after log out everywhere, and after the owner is disabled, even once enabled again", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await apiContext(playwright, baseURL!, { as: "admin" });
  const user = await createEditor(admin, "tokens-end");
  const page = await freshPage(browser);
  const session = page.context().request;
  const newToken = async (name: string) => {
    const response = await session.post("/api/curate/tokens", { data: { name }, headers: { Origin: baseURL! } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { token: string }).token;
  };
  const statusWith = async (token: string) => {
    const script = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
    const response = await script.get("/api/curate/statements/999999999");
    const answer = {
      status: response.status(),
      code: ((await response.json()) as { error?: { code?: string } }).error?.code,
    };
    await script.dispose();
    return answer;
  };

  await logIn(page, user.email, user.password);
  const first = await newToken("before log out everywhere");
  expect(await statusWith(first)).toMatchObject({ status: 404 });
  expect((await session.post("/api/curate/account/logout-all", { headers: { Origin: baseURL! } })).status()).toBe(200);
  expect(await statusWith(first)).toEqual({ status: 401, code: "token_revoked" });

  await logIn(page, user.email, user.password);
  const second = await newToken("before being disabled");
  expect(await statusWith(second)).toMatchObject({ status: 404 });
  expect((await admin.patch(`/api/curate/users/${user.id}`, { data: { disabled: true } })).status()).toBe(200);
  expect(await statusWith(second)).toEqual({ status: 401, code: "token_revoked" });
  expect((await admin.patch(`/api/curate/users/${user.id}`, { data: { disabled: false } })).status()).toBe(200);
  expect(await statusWith(second)).toEqual({ status: 401, code: "token_revoked" });
  expect(await statusWith(first)).toEqual({ status: 401, code: "token_revoked" });
  await admin.dispose();
  await page.context().close();
});

test("log out everywhere ends this session and every other of the same user", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await apiContext(playwright, baseURL!, { as: "admin" });
  const user = await createEditor(admin, "logout-all");
  await admin.dispose();
  const first = await freshPage(browser);
  const second = await freshPage(browser);
  await logIn(first, user.email, user.password);
  await logIn(second, user.email, user.password);

  await first.goto("/curate/account");
  await expectNoAxeViolations(first);
  await first.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(first).toHaveURL(/\/login$/);
  await first.goto("/curate/account");
  await expect(first).toHaveURL(/\/login\?next=/);
  await second.goto("/curate/account");
  await expect(second).toHaveURL(/\/login\?next=%2Fcurate%2Faccount$/);
  // Logging in again works.
  await logIn(second, user.email, user.password);
  await first.context().close();
  await second.context().close();
});

test("a password change keeps this browser logged in, ends the others, and the old password stops working", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await apiContext(playwright, baseURL!, { as: "admin" });
  const user = await createEditor(admin, "new-password");
  await admin.dispose();
  const here = await freshPage(browser);
  const elsewhere = await freshPage(browser);
  await logIn(here, user.email, user.password);
  await logIn(elsewhere, user.email, user.password);
  const newPassword = `${user.password}-changed`;

  await here.goto("/curate/account");
  // A wrong current password is named, and what was typed stays.
  await here.getByLabel("Current password").fill("not my password at all");
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByLabel("New password again").fill(newPassword);
  await here.getByRole("button", { name: "Change the password" }).click();
  await expect(here.locator("#current-password-error")).toHaveText("Current password: is wrong");
  await expect(here.getByLabel("New password", { exact: true })).toHaveValue(newPassword);
  await expectNoAxeViolations(here);

  await here.getByLabel("Current password").fill(user.password);
  await here.getByRole("button", { name: "Change the password" }).click();
  await expect(here.locator("#change-password-status")).toHaveText(
    "Your password was changed. Your other sessions were ended.",
  );
  await here.reload();
  await expect(here).toHaveURL(/\/curate\/account$/);
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();

  await elsewhere.goto("/curate/account");
  await expect(elsewhere).toHaveURL(/\/login\?next=/);
  await elsewhere.getByLabel("Email").fill(user.email);
  await elsewhere.getByLabel("Password", { exact: true }).fill(user.password);
  await elsewhere.getByRole("button", { name: "Log in" }).click();
  await expect(elsewhere.locator("#login-alert")).toHaveText("The email or password is wrong.");
  await expect(elsewhere.getByLabel("Email")).toHaveValue(user.email);
  await elsewhere.getByLabel("Password", { exact: true }).fill(newPassword);
  await elsewhere.getByRole("button", { name: "Log in" }).click();
  await expect(elsewhere).toHaveURL(/\/curate\/account$/);
  await here.context().close();
  await elsewhere.context().close();
});

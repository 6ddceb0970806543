import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { answerBody, openApiChecker, type OpenApiChecker } from "../tests/support/openapi-check";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// Personal API tokens: made on the account screen (shown once), used by a
// script (no cookie, no Origin) to write statements through the write API,
// refused at once when revoked in the screen. Every piece of data is the test's own.
// The write API's answers are checked against the OpenAPI document the app serves.

let checker: OpenApiChecker;

test.beforeAll(async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  checker = openApiChecker(await response.json());
});

/** Checks an answer against the document (status documented, body schema, promised headers); returns the response. */
async function documented(response: APIResponse, method: "get" | "post" | "put" | "delete"): Promise<APIResponse> {
  const url = new URL(response.url());
  const body = answerBody(await response.text(), response.headers()["content-type"]);
  const problems = checker.check({
    path: url.pathname,
    method,
    status: response.status(),
    headers: response.headers(),
    body,
  });
  expect(problems, `${method.toUpperCase()} ${url.pathname} ${response.status()}`).toEqual([]);
  return response;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A client with the token and nothing else: no cookie, no Origin, as a script. */
async function scriptClient(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  token: string,
  storageState: string | { cookies: []; origins: [] } = { cookies: [], origins: [] },
) {
  return playwright.request.newContext({
    baseURL,
    storageState,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
}

async function json(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<
  Record<string, unknown> & {
    error?: { code: string; message: string; fields?: Array<{ field: string; message: string }> };
  }
> {
  return (await response.json()) as never;
}

test.describe("as an admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("create a token (shown once), write statements with it, get a 409 on a stale version, revoke it: refused at once", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const tag = unique();
    const name = `Newsroom import ${tag}`;

    // Create it in the account screen: the token is shown once.
    await page.goto("/curate/account");
    const section = page.getByRole("region", { name: "API tokens" });
    await expect(section).toBeVisible();
    await section.getByLabel("Name of the token").fill(name);
    await section.getByLabel("Role of the token").selectOption("editor");
    await section.getByRole("button", { name: "Create the token" }).click();
    await expect(section.getByText(`Created the token “${name}”.`)).toBeVisible();
    const shown = section.getByTestId("new-api-token");
    await expect(shown).toHaveText(/^stk_[A-Za-z0-9_-]{43}$/);
    const token = (await shown.textContent())!;
    const row = section.locator("tr", { has: page.getByRole("cell", { name, exact: true }) });
    await expect(row).toContainText("editor");
    await expect(row).toContainText("never");
    await expect(row).toContainText("active");
    await expectNoAxeViolations(page);

    // Gone after a reload: the server keeps only its hash.
    await page.reload();
    await expect(section.getByTestId("new-api-token")).toHaveCount(0);
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain(token);

    // A script with the token: creates a statement (with a new speaker), reads it, edits it.
    const script = await scriptClient(playwright, baseURL!, token);
    const created = await script.post("/api/curate/statements", {
      data: {
        text: `Written by a script ${tag}.`,
        language: "en",
        kind: "direct",
        newSpeaker: { name: `Script Speaker ${tag}`, kind: "organization" },
        saidOn: "2016-10-13",
        status: "published",
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await documented(created, "post");
    const id = (await json(created)).id as number;

    const read = await script.get(`/api/curate/statements/${id}`);
    expect(read.status()).toBe(200);
    await documented(read, "get");
    const stored = (await json(read)) as { version: number; record: Record<string, unknown> };
    expect(stored.version).toBe(1);
    const { retractionReason, ...record } = stored.record;
    expect(retractionReason).toBeNull();

    const edited = await script.put(`/api/curate/statements/${id}`, {
      data: { ...record, text: `Rewritten by a script ${tag}.`, version: 1 },
    });
    expect(edited.status(), await edited.text()).toBe(200);
    await documented(edited, "put");
    expect((await json(edited)).version).toBe(2);

    // Found through search with the new words.
    await expect(async () => {
      const response = await page.request.get(`/api/v1/search?q=${encodeURIComponent(`Rewritten ${tag}`)}`);
      const body = (await response.json()) as { hits: Array<{ id: number; text: string }> };
      expect(body.hits.find((hit) => hit.id === id)?.text).toBe(`Rewritten by a script ${tag}.`);
    }).toPass({ timeout: 10_000 });

    // A save over a stale version: 409 with the stored version.
    const stale = await script.put(`/api/curate/statements/${id}`, {
      data: { ...record, text: `A stale edit ${tag}.`, version: 1 },
    });
    expect(stale.status()).toBe(409);
    await documented(stale, "put");
    expect(await json(stale)).toMatchObject({
      error: { code: "version_conflict" },
      currentVersion: 2,
      current: { record: { text: `Rewritten by a script ${tag}.` } },
    });

    // Unknown fields are named, not dropped.
    const typo = await script.put(`/api/curate/statements/${id}`, {
      data: { ...record, said_on: "2016-10-14", version: 2 },
    });
    expect(typo.status()).toBe(400);
    await documented(typo, "put");
    expect((await json(typo)).error?.fields?.map((f) => f.field)).toEqual(["said_on"]);

    // The history says who: the token's owner.
    await page.goto(`/curate/statements/${id}`);
    const history = page.locator("section", { has: page.getByRole("heading", { name: "History" }) });
    await expect(history.getByText("Ada Admin").first()).toBeVisible();

    // The screen shows when it was last used; revoke it there.
    await page.goto("/curate/account");
    await expect(row).not.toContainText("never");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: `Revoke the token “${name}”` }).click();
    await expect(row).toContainText("revoked");
    await expect(row.getByRole("button")).toHaveCount(0);

    // The same call, refused at once and saying why.
    const after = await script.put(`/api/curate/statements/${id}`, {
      data: { ...record, text: `After revocation ${tag}.`, version: 2 },
    });
    expect(after.status()).toBe(401);
    await documented(after, "put");
    expect((await json(after)).error).toMatchObject({
      code: "token_revoked",
      message: expect.stringMatching(/^token revoked/),
    });
    // With the admin's session cookie beside it, the token alone decides: still refused.
    const withCookie = await scriptClient(playwright, baseURL!, token, STORAGE_STATE.admin);
    const mixed = await withCookie.put(`/api/curate/statements/${id}`, {
      data: { ...record, text: `After revocation ${tag}.`, version: 2 },
      headers: { Origin: baseURL! },
    });
    expect(mixed.status()).toBe(401);
    await documented(mixed, "put");
    await Promise.all([script.dispose(), withCookie.dispose()]);
  });

  test("a token cannot manage tokens or accounts; an unknown token is named", async ({ page, playwright, baseURL }) => {
    const created = await page.request.post("/api/curate/tokens", {
      data: { name: `Limits ${unique()}`, role: "admin" },
      headers: { Origin: baseURL! },
    });
    expect(created.status(), await created.text()).toBe(201);
    await documented(created, "post");
    const { token } = (await created.json()) as { token: string };
    const script = await scriptClient(playwright, baseURL!, token);
    for (const response of [
      await script.get("/api/curate/tokens"),
      await script.post("/api/curate/tokens", { data: { name: "child" } }),
      await script.post("/api/curate/users", { data: {} }),
    ]) {
      expect(response.status()).toBe(403);
      expect((await json(response)).error?.code).toBe("token_not_accepted");
    }
    // The token endpoints' refusal as the document describes it (/api/curate/users is not part of the write API).
    await documented(await script.get("/api/curate/tokens"), "get");
    const stranger = await scriptClient(playwright, baseURL!, `stk_${"A".repeat(43)}`);
    const unknown = await stranger.get("/api/curate/statements/1");
    expect(unknown.status()).toBe(401);
    await documented(unknown, "get");
    expect((await json(unknown)).error?.message).toMatch(/^token unknown/);

    // Another scheme (a proxy's Basic auth, which browsers resend) is not a token: the session decides.
    const basic = { Authorization: `Basic ${Buffer.from("staging:secret").toString("base64")}` };
    const listed = await page.request.get("/api/curate/tokens", { headers: basic });
    expect(listed.status()).toBe(200);
    await documented(listed, "get");
    const noSession = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
      extraHTTPHeaders: basic,
    });
    const refused = await noSession.get("/api/curate/tokens");
    expect(refused.status()).toBe(401);
    expect((await json(refused)).error?.code).toBe("unauthenticated");
    await documented(refused, "get");
    await Promise.all([script.dispose(), stranger.dispose(), noSession.dispose()]);
  });
});

test.describe("as an editor", () => {
  test.use({ storageState: STORAGE_STATE.editor });

  test("an editor cannot create an admin token; the section passes axe in Arabic", async ({ page, baseURL }) => {
    const refused = await page.request.post("/api/curate/tokens", {
      data: { name: `Too much ${unique()}`, role: "admin" },
      headers: { Origin: baseURL! },
    });
    expect(refused.status()).toBe(400);
    await documented(refused, "post");
    expect((await json(refused)).error?.fields).toEqual([
      { field: "role", message: "cannot be admin: a token's role can be at most your own (editor)" },
    ]);

    await page.goto("/curate/account");
    const roles = page.getByRole("region", { name: "API tokens" }).getByLabel("Role of the token").locator("option");
    await expect(roles).toHaveText(["editor"]);

    await useLocale(page.context(), baseURL!, "ar");
    await page.goto("/curate/account");
    await expect(page.getByRole("region", { name: "رموز الواجهة البرمجية" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

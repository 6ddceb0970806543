import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// A curator's day with one statement: add it with a new speaker and topic, find
// it by search, edit it, run into a colleague's newer save, restore an old
// version, retract it. Every piece of data here is made by the test itself.

test.use({ storageState: STORAGE_STATE.admin });

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function pickOption(page: Page, label: string, typed: string, option: string | RegExp) {
  const input = page.getByRole("combobox", { name: label });
  await input.fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

async function addStatement(page: Page, text: string, speaker: string, topic: string): Promise<number> {
  await page.goto("/curate/statements/new");
  await page.getByLabel("Text of the statement").fill(text);
  await page.getByLabel("Language").selectOption("en");
  await pickOption(page, "Speaker", speaker, `New speaker: ${speaker}`);
  await page.getByLabel("Kind of the new speaker").selectOption("organization");
  await page.getByLabel("Date said").fill("2016-10-13");
  await pickOption(page, "Topics", topic, `Create topic “${topic}”`);
  await page.getByLabel("URL").fill(`https://news.example.org/${encodeURIComponent(speaker)}`);
  await page.getByLabel("Outlet").fill("Example News");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(/\/curate\/statements\/\d+\?saved=1/);
  return Number(/statements\/(\d+)/.exec(page.url())![1]);
}

async function expectFoundBySearch(page: Page, words: string, id: number, found: boolean) {
  await expect(async () => {
    const response = await page.request.get(`/api/v1/search?q=${encodeURIComponent(words)}`);
    const body = (await response.json()) as { hits: Array<{ id: number }> };
    expect(body.hits.some((hit) => hit.id === id)).toBe(found);
  }).toPass({ timeout: 10_000 });
}

test("add a statement with a new speaker and topic, find it, edit it, restore a version and retract it", async ({
  page,
}) => {
  const tag = unique();
  const speaker = `Aleppo Health Directorate ${tag}`;
  const text = `The last hospital in the eastern districts closed today ${tag}.`;
  const id = await addStatement(page, text, speaker, `Hospitals ${tag}`);
  await expectNoAxeViolations(page);

  // Found by search within seconds, on the public page with its speaker and topic.
  await expectFoundBySearch(page, tag, id, true);
  await page.goto(`/search?q=${tag}`);
  await expect(page.getByRole("link", { name: speaker }).first()).toBeVisible();
  await page.goto(`/statements/${id}`);
  await expect(page.getByText(text, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `Hospitals ${tag}` })).toBeVisible();

  // Edit: the history shows who changed which words.
  await page.goto(`/curate/statements/${id}`);
  await page
    .getByLabel("Text of the statement")
    .fill(`The last hospital in the eastern districts closed yesterday ${tag}.`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Saved (version 2).")).toBeVisible();
  await page.reload();
  const history = page
    .getByRole("region", { name: "History" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "History" }) }));
  await expect(history.locator("del", { hasText: "today" }).first()).toBeVisible();
  await expect(history.locator("ins", { hasText: "yesterday" }).first()).toBeVisible();
  await expectFoundBySearch(page, `yesterday ${tag}`, id, true);

  // Restore version 1: a new version 3 with the first text.
  await page.getByRole("button", { name: "Restore this version (1)" }).click();
  await expect(page.getByText("Version 3", { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel("Text of the statement")).toHaveValue(text);

  // Retract: the public page says so, search no longer lists it.
  await page.getByLabel("Reason for the retraction (shown to readers)").fill("The directorate denied the report.");
  await page.getByRole("button", { name: "Retract", exact: true }).click();
  await expect(page.getByText("Status: retracted")).toBeVisible();
  await page.goto(`/statements/${id}`);
  await expect(page.getByText("The directorate denied the report.")).toBeVisible();
  await expectFoundBySearch(page, tag, id, false);
});

test("a second curator saving over a newer version is shown both versions, nothing is overwritten", async ({
  page,
  browser,
}) => {
  const tag = unique();
  const id = await addStatement(
    page,
    `Both curators open this statement ${tag}.`,
    `Conflict Speaker ${tag}`,
    `Conflicts ${tag}`,
  );
  const editor = await browser.newContext({ storageState: STORAGE_STATE.editor });
  const other = await editor.newPage();
  await other.goto(`/curate/statements/${id}`);
  await page.goto(`/curate/statements/${id}`);

  await page.getByLabel("Text of the statement").fill(`The admin's wording ${tag}.`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Saved (version 2).")).toBeVisible();

  await other.getByLabel("Text of the statement").fill(`The editor's wording ${tag}.`);
  await other.getByRole("button", { name: "Publish" }).click();
  const conflict = other.getByRole("region", { name: "Someone saved this statement while you were editing" });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText(`The admin's wording ${tag}.`)).toBeVisible();
  await expect(conflict.getByText("Version 2 was saved by Ada Admin", { exact: false })).toBeVisible();
  // What the editor typed is still in the form.
  await expect(other.getByLabel("Text of the statement")).toHaveValue(`The editor's wording ${tag}.`);
  const stored = await other.request.get(`/api/curate/statements/${id}`);
  expect(((await stored.json()) as { record: { text: string } }).record.text).toBe(`The admin's wording ${tag}.`);

  // Deciding to keep theirs-over-mine is explicit, and becomes version 3.
  await conflict.getByRole("button", { name: "Save my version over it" }).click();
  await expect(other.getByText("Saved (version 3).")).toBeVisible();
  await editor.close();
});

test("a refused form keeps what was typed and names the fields", async ({ page }) => {
  await page.goto("/curate/statements/new");
  const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u202Eevil`;
  await page.getByLabel("Text of the statement").fill(hostile);
  await page.getByLabel("Date said").fill("2016-02-30");
  await page.getByLabel("URL").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("alert").first()).toContainText("The statement was not saved");
  await expect(page.getByText('"2016-02-30" is not a real date')).toBeVisible();
  await expect(page.getByText("must be an http(s) URL")).toBeVisible();
  await expect(page.getByText("is required: pick a speaker or create one")).toBeVisible();
  await expect(page.getByLabel("Text of the statement")).toHaveValue(hostile);
  await expect(page.getByLabel("Date said")).toHaveValue("2016-02-30");

  // The preview shows hostile text as text.
  await page.getByRole("button", { name: "Preview as readers will see it" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).getByText(hostile, { exact: false })).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expectNoAxeViolations(page);
});

test("the editor warns of a likely duplicate by the same speaker", async ({ page }) => {
  const tag = unique();
  const speaker = `Duplicate Speaker ${tag}`;
  const id = await addStatement(
    page,
    `We call on all parties to stop the bombing of civilians ${tag}.`,
    speaker,
    `Duplicates ${tag}`,
  );
  await expectFoundBySearch(page, tag, id, true);
  await page.goto("/curate/statements/new");
  await pickOption(page, "Speaker", speaker, speaker);
  await page.getByLabel("Text of the statement").fill(`We call on all parties to stop bombing civilians ${tag}`);
  const warning = page.getByText("Possible duplicates by this speaker");
  await expect(warning).toBeVisible();
  await expect(page.getByRole("link", { name: `#${id}` })).toBeVisible();
});

test.describe("the statement routes refuse what they must", () => {
  test("without a session: 401 on every route, whatever the body", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
      extraHTTPHeaders: { Origin: baseURL! },
    });
    const calls: Array<[string, string]> = [
      ["POST", "/api/curate/statements"],
      ["GET", "/api/curate/statements/1"],
      ["PUT", "/api/curate/statements/1"],
      ["DELETE", "/api/curate/statements/1"],
      ["POST", "/api/curate/statements/1/retract"],
      ["POST", "/api/curate/statements/1/restore"],
      ["POST", "/api/curate/statements/duplicates"],
      ["GET", "/api/curate/statements/lookup?q=x"],
    ];
    for (const [method, url] of calls) {
      const response = await anonymous.fetch(url, { method, data: { text: "x" } });
      expect(response.status(), `${method} ${url}`).toBe(401);
    }
    await anonymous.dispose();
  });

  test("an editor may not delete (403); a foreign origin may not change anything (403)", async ({
    playwright,
    baseURL,
  }) => {
    const editor = await playwright.request.newContext({
      baseURL,
      storageState: STORAGE_STATE.editor,
      extraHTTPHeaders: { Origin: baseURL! },
    });
    const response = await editor.delete("/api/curate/statements/1");
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    await editor.dispose();

    const foreign = await playwright.request.newContext({
      baseURL,
      storageState: STORAGE_STATE.admin,
      extraHTTPHeaders: { Origin: "https://evil.example" },
    });
    const crossSite = await foreign.post("/api/curate/statements", {
      data: { text: "x", language: "en", newSpeaker: { name: "X" } },
    });
    expect(crossSite.status()).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
    await foreign.dispose();
  });

  test("bad bodies get a 400 that names the field, never a 500", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({
      baseURL,
      storageState: STORAGE_STATE.admin,
      extraHTTPHeaders: { Origin: baseURL! },
    });
    const cases: Array<[string, string, unknown, string]> = [
      ["POST", "/api/curate/statements", "not json", "body"],
      ["POST", "/api/curate/statements", [1, 2], "body"],
      ["POST", "/api/curate/statements", { text: "x", language: "en", speakerId: 2_000_000_000 }, "speakerId"],
      ["POST", "/api/curate/statements", { text: "x".repeat(10_001), language: "en", speakerId: 1 }, "text"],
      ["POST", "/api/curate/statements", { text: "x", language: "en", speakerId: 1, saidOn: "2016-13-01" }, "saidOn"],
      ["PUT", "/api/curate/statements/abc", { text: "x" }, "id"],
      ["PUT", "/api/curate/statements/1", { text: "x", language: "en", speakerId: 1 }, "version"],
      ["POST", "/api/curate/statements/1/restore", { revisionId: "one", version: 1 }, "revisionId"],
      ["POST", "/api/curate/statements/1/retract", { version: 1 }, "reason"],
    ];
    for (const [method, url, data, field] of cases) {
      const response = await admin.fetch(url, {
        method,
        data: typeof data === "string" ? data : JSON.stringify(data),
        headers: { "Content-Type": "application/json" },
      });
      expect(response.status(), `${method} ${url} ${JSON.stringify(data).slice(0, 60)}`).toBe(400);
      const body = (await response.json()) as { error: { fields: Array<{ field: string }> } };
      expect(body.error.fields.map((f) => f.field)).toContain(field);
    }
    const tooBig = await admin.post("/api/curate/statements", {
      data: JSON.stringify({ text: "x".repeat(1_100_000) }),
      headers: { "Content-Type": "application/json" },
    });
    expect(tooBig.status()).toBe(400);
    await admin.dispose();
  });
});

test("an edit shows at once on the statement's page, its speaker's page and the feed, which are served from the page cache until then", async ({
  page,
}) => {
  const tag = unique();
  const speaker = `Civil Defence Aleppo ${tag}`;
  const text = `Rescue teams pulled twelve people from the rubble ${tag}.`;
  const id = await addStatement(page, text, speaker, `Rescue ${tag}`);
  const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 1 });
  try {
    const slug = (
      await pool.query(`SELECT sp.slug FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1`, [
        id,
      ])
    ).rows[0].slug as string;
    const pages = [`/statements/${id}`, `/speakers/${encodeURIComponent(slug)}`];
    const feedHas = async (words: string) => (await (await page.request.get("/feed.xml")).text()).includes(words);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByText(text).first()).toBeVisible();
    }
    await expect.poll(() => feedHas(text)).toBe(true);

    // Changed behind the triggers' back, the pages keep the cached words: they are not read again.
    const client = await pool.connect();
    try {
      await client.query("SET session_replication_role = replica");
      await client.query(`UPDATE statements SET text = $2 WHERE id = $1`, [id, `Silently changed ${tag}.`]);
    } finally {
      await client.query("SET session_replication_role = DEFAULT");
      client.release();
    }
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByText(text).first()).toBeVisible();
    }
    expect(await feedHas(text)).toBe(true);

    // A curator's save drops them: every page shows the new words without a restart.
    const edited = `Rescue teams pulled fourteen people from the rubble ${tag}.`;
    await page.goto(`/curate/statements/${id}`);
    await page.getByLabel("Text of the statement").fill(edited);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText(/Saved \(version \d+\)\./)).toBeVisible();
    for (const path of pages) {
      await expect(async () => {
        await page.goto(path);
        await expect(page.getByText(edited).first()).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 5_000 });
    }
    await expect.poll(() => feedHas(edited), { timeout: 5_000 }).toBe(true);
  } finally {
    await pool.end();
  }
});

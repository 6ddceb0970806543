import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// Curators' speakers and topics: edit aliases and find the speaker by them,
// merge two speakers (the old address then redirects), refuse a topic loop,
// merge two topics, who may do what, and accessibility of the screens. Every
// speaker, topic and statement here is made by the test itself.

const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
const ORIGIN = { Origin: new URL(BASE_URL).origin };

// Letters only: a tag is part of names, looked up by the autocomplete.
const unique = () =>
  Array.from({ length: 8 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

type Speaker = { id: number; slug: string; name: string; version: number; aliases: string[] };
type Topic = { id: number; slug: string; name: string; version: number; parentId: number | null };

async function createSpeaker(request: APIRequestContext, body: Record<string, unknown>): Promise<Speaker> {
  const response = await request.post("/api/curate/speakers", { data: body, headers: ORIGIN });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { speaker: Speaker }).speaker;
}

async function createTopic(request: APIRequestContext, body: Record<string, unknown>): Promise<Topic> {
  const response = await request.post("/api/curate/topics", { data: body, headers: ORIGIN });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { topic: Topic }).topic;
}

async function pickOption(page: Page, label: string, typed: string, option: string | RegExp) {
  await page.getByRole("combobox", { name: label }).fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

let pool: pg.Pool;
const statementIds: number[] = [];

test.beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
});

test.afterAll(async () => {
  if (statementIds.length > 0) {
    await pool.query(`DELETE FROM statements WHERE id = ANY($1::int[])`, [statementIds]);
    await pool.query(`INSERT INTO outbox (entity_type, entity_id) SELECT 'statement', unnest($1::int[])`, [
      statementIds,
    ]);
  }
  await pool.end();
});

/** A published statement by the speaker, straight into the e2e database (the statement editor is not under test here). */
async function addStatement(speakerId: number, text: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision) VALUES ($1, 'en', 'direct', $2, '2016-11-19', 'day') RETURNING id`,
    [text, speakerId],
  );
  statementIds.push(rows[0]!.id);
  await pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [rows[0]!.id]);
  return rows[0]!.id;
}

test.describe("as an admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("edit a speaker's aliases, then find the speaker by the new alias", async ({ page }) => {
    const tag = unique();
    const speaker = await createSpeaker(page.request, {
      name: `Ahmad Tarek ${tag}`,
      kind: "person",
      aliases: ["Abu Tarek"],
    });
    await page.goto(`/curate/speakers/${speaker.id}`);
    await expectNoAxeViolations(page);

    const aliases = page.getByLabel("Aliases");
    await expect(aliases).toHaveValue("Abu Tarek");
    await aliases.fill(`Abu Tarek\nأبو طارق ${tag}\nTarek the Envoy ${tag}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved (version 2)." })).toBeVisible();

    for (const q of [`tarek the envoy ${tag}`, `طارق ${tag}`, `ENVOY ${tag}`]) {
      const response = await page.request.get(`/api/curate/speakers?q=${encodeURIComponent(q)}&limit=5`);
      expect(response.status()).toBe(200);
      const body = (await response.json()) as {
        speakers: Array<{ id: number; slug: string; matched: string; name: string; kind: string }>;
      };
      expect(body.speakers[0], q).toMatchObject({
        id: speaker.id,
        slug: speaker.slug,
        name: speaker.name,
        kind: "person",
      });
    }
    const arabic = (await (
      await page.request.get(`/api/curate/speakers?q=${encodeURIComponent(`طارق ${tag}`)}`)
    ).json()) as { speakers: Array<{ matched: string }> };
    expect(arabic.speakers[0]?.matched).toBe(`أبو طارق ${tag}`);

    // A malformed Wikidata id is refused at its field; what was typed stays.
    await page.getByLabel("Wikidata id").fill("item 42");
    await page.getByLabel("Role or title").fill(`Envoy ${tag}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#speaker-wikidataId-error")).toContainText("Wikidata id: must be a Wikidata id");
    await expect(page.getByLabel("Role or title")).toHaveValue(`Envoy ${tag}`);
    await expect(page.getByLabel("Wikidata id")).toHaveAttribute("aria-invalid", "true");
  });

  test("a stale save is refused with the stored values shown", async ({ page }) => {
    const tag = unique();
    const speaker = await createSpeaker(page.request, { name: `Layla Haddad ${tag}` });
    await page.goto(`/curate/speakers/${speaker.id}`);
    // A colleague saves first.
    const colleague = await page.request.put(`/api/curate/speakers/${speaker.id}`, {
      data: { version: 1, role: "Spokesperson" },
      headers: ORIGIN,
    });
    expect(colleague.status()).toBe(200);
    await page.getByLabel("Role or title").fill("Minister");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "Someone else saved a newer version (2)" });
    await expect(conflict).toBeVisible();
    await expect(conflict.locator('[data-conflict-field="role"]')).toContainText("Spokesperson");
    await expect(conflict.locator('[data-conflict-field="role"]')).toContainText("Minister");
    const stored = (await (await page.request.get(`/api/curate/speakers/${speaker.id}`)).json()) as {
      speaker: { role: string; version: number };
    };
    expect(stored.speaker).toMatchObject({ role: "Spokesperson", version: 2 });
  });

  test("merge two speakers: the old address redirects to the survivor, which lists both statements", async ({
    page,
  }) => {
    const tag = unique();
    const loser = await createSpeaker(page.request, { name: `Sami Nasser ${tag}`, nameAr: `سامي ناصر ${tag}` });
    const survivor = await createSpeaker(page.request, { name: `Samy Naser ${tag}`, kind: "person" });
    const loserText = `The envoy welcomed the statement, said Sami ${tag}.`;
    const survivorText = `The envoy repeated the call for a ceasefire, said Samy ${tag}.`;
    await addStatement(loser.id, loserText);
    await addStatement(survivor.id, survivorText);

    await page.goto(`/curate/speakers/${loser.id}`);
    await pickOption(page, "Merge into", `naser ${tag}`, new RegExp(`Samy Naser ${tag}`));
    const confirmation = page.getByTestId("merge-confirmation");
    await expect(confirmation).toContainText(`Merge Sami Nasser ${tag} into Samy Naser ${tag}?`);
    await expect(confirmation).toContainText(`Statements that will move to Samy Naser ${tag}: 1.`);
    await confirmation.getByRole("button", { name: "Merge" }).click();
    await expect(page).toHaveURL(new RegExp(`/curate/speakers/${survivor.id}\\?`));
    await expect(page.getByRole("status").filter({ hasText: "was merged into this speaker" })).toBeVisible();
    await expect(page.getByLabel("Aliases")).toHaveValue(`Sami Nasser ${tag}\nسامي ناصر ${tag}`);

    const redirect = await page.request.get(`/speakers/${loser.slug}`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    expect(redirect.headers()["location"]).toContain(`/speakers/${survivor.slug}`);
    const api = await page.request.get(`/api/v1/speakers/${loser.slug}`, { maxRedirects: 0 });
    expect(api.status()).toBe(308);
    expect(api.headers()["location"]).toBe(`/api/v1/speakers/${survivor.slug}`);
    const feed = await page.request.get(`/speakers/${loser.slug}/feed.xml`, { maxRedirects: 0 });
    expect(feed.status()).toBe(308);
    expect(feed.headers()["location"]).toBe(`/speakers/${survivor.slug}/feed.xml`);
    expect((await page.request.get(`/api/v1/speakers/${loser.slug}`)).status()).toBe(200);

    await page.goto(`/speakers/${loser.slug}`);
    await expect(page).toHaveURL(new RegExp(`/speakers/${survivor.slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Samy Naser ${tag}`);
    await expect(page.getByText(loserText)).toBeVisible();
    await expect(page.getByText(survivorText)).toBeVisible();

    // Merging a speaker into itself is refused, naming the field.
    const self = await page.request.post(`/api/curate/speakers/${survivor.id}/merge`, {
      data: { intoId: survivor.id },
      headers: ORIGIN,
    });
    expect(self.status()).toBe(400);
    expect(
      ((await self.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field),
    ).toEqual(["intoId"]);
  });

  test("a topic cannot be placed under its own subtopic; merging topics redirects the old address", async ({
    page,
  }) => {
    const tag = unique();
    const parent = await createTopic(page.request, { name: `Humanitarian aid ${tag}` });
    const child = await createTopic(page.request, { name: `Medical aid ${tag}`, parentId: parent.id });
    const grandchild = await createTopic(page.request, { name: `Field hospitals ${tag}`, parentId: child.id });

    await page.goto(`/curate/topics/${parent.id}`);
    await pickOption(page, "Part of (parent topic)", `field hospitals ${tag}`, new RegExp(`Field hospitals ${tag}`));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#topic-parentId-error")).toContainText("that would make a loop");
    await expect(page.getByTestId("topic-parent")).toContainText(`Field hospitals ${tag}`);
    const stored = (await (await page.request.get(`/api/curate/topics/${parent.id}`)).json()) as { topic: Topic };
    expect(stored.topic).toMatchObject({ parentId: null, version: 1 });
    await expectNoAxeViolations(page);

    const duplicate = await createTopic(page.request, { name: `Medical assistance ${tag}` });
    const merged = await page.request.post(`/api/curate/topics/${duplicate.id}/merge`, {
      data: { intoId: child.id },
      headers: ORIGIN,
    });
    expect(merged.status()).toBe(200);
    const redirect = await page.request.get(`/topics/${duplicate.slug}`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    expect(redirect.headers()["location"]).toContain(`/topics/${child.slug}`);
    const api = await page.request.get(`/api/v1/topics/${duplicate.slug}`, { maxRedirects: 0 });
    expect(api.status()).toBe(308);
    expect(api.headers()["location"]).toBe(`/api/v1/topics/${child.slug}`);
    await page.goto(`/topics/${duplicate.slug}`);
    await expect(page).toHaveURL(new RegExp(`/topics/${child.slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Medical aid ${tag}`);
    expect((await page.request.get(`/api/curate/topics/${grandchild.id}`)).status()).toBe(200);
  });

  test("only an unused speaker can be deleted", async ({ page }) => {
    const tag = unique();
    const used = await createSpeaker(page.request, { name: `Used Speaker ${tag}` });
    await addStatement(used.id, `A statement that keeps its speaker ${tag}.`);
    const inUse = await page.request.delete(`/api/curate/speakers/${used.id}`, { headers: ORIGIN });
    expect(inUse.status()).toBe(409);
    const unused = await createSpeaker(page.request, { name: `Unused Speaker ${tag}` });
    await page.goto(`/curate/speakers/${unused.id}`);
    await page.getByRole("button", { name: "Delete this speaker" }).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(page).toHaveURL(/\/curate\/speakers\?deleted=/);
    expect((await page.request.get(`/api/curate/speakers/${unused.id}`)).status()).toBe(404);
  });

  test("the speaker list finds a speaker by an Arabic name and has no accessibility violations", async ({ page }) => {
    await page.goto("/curate/speakers");
    await expect(page.getByRole("heading", { level: 1, name: "Speakers" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Any name or alias, in any script").fill("ميركل");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page).toHaveURL(/\/curate\/speakers\?q=/);
    await expect(page.getByRole("link", { name: "Angela Merkel" })).toBeVisible();
  });

  test("the topic list, with its autocomplete open, has no accessibility violations", async ({ page }) => {
    await page.goto("/curate/topics");
    await expect(page.getByRole("heading", { level: 1, name: "Topics" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("combobox", { name: "Part of (parent topic)" }).fill("a");
    await expect(page.getByRole("option").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the speaker screens exist in Arabic, right to left, without accessibility violations", async ({
    page,
    context,
    baseURL,
  }) => {
    await useLocale(context, baseURL!, "ar");
    await page.goto("/curate/speakers");
    await expect(page.getByRole("heading", { level: 1, name: "المتحدثون" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Angela Merkel" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("تحرير متحدث");
    await expect(page.getByLabel("الأسماء البديلة")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("bad autocomplete parameters are refused, naming them", async ({ page }) => {
    const limit = await page.request.get("/api/curate/speakers?q=x&limit=500");
    expect(limit.status()).toBe(400);
    expect(
      ((await limit.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field),
    ).toEqual(["limit"]);
    const topics = await page.request.get("/api/curate/topics?limit=abc");
    expect(topics.status()).toBe(400);
    const most = (await (await page.request.get("/api/curate/topics?limit=3")).json()) as {
      topics: Array<{ id: number; slug: string; name: string; parentName: string | null }>;
    };
    expect(most.topics).toHaveLength(3);
    expect(Object.keys(most.topics[0]!).sort()).toEqual(["id", "name", "parentName", "slug"]);
  });
});

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every speaker and topic route answers 401", async ({ request }) => {
    for (const entity of ["speakers", "topics"]) {
      const calls = [
        request.get(`/api/curate/${entity}?q=a`),
        request.post(`/api/curate/${entity}`, { data: { name: "Nobody" }, headers: ORIGIN }),
        request.put(`/api/curate/${entity}/1`, { data: { version: 1, name: "Nobody" }, headers: ORIGIN }),
        request.delete(`/api/curate/${entity}/1`, { headers: ORIGIN }),
        request.post(`/api/curate/${entity}/1/merge`, { data: { intoId: 2 }, headers: ORIGIN }),
      ];
      for (const response of await Promise.all(calls)) expect(response.status(), response.url()).toBe(401);
    }
  });
});

test.describe("as an editor", () => {
  test.use({ storageState: STORAGE_STATE.editor });

  test("may create and edit, but not delete", async ({ page }) => {
    const tag = unique();
    const speaker = await createSpeaker(page.request, { name: `Editor Made ${tag}` });
    const topic = await createTopic(page.request, { name: `Editor topic ${tag}` });
    const edited = await page.request.put(`/api/curate/speakers/${speaker.id}`, {
      data: { version: 1, country: "Syria" },
      headers: ORIGIN,
    });
    expect(edited.status()).toBe(200);
    expect((await page.request.delete(`/api/curate/speakers/${speaker.id}`, { headers: ORIGIN })).status()).toBe(403);
    expect((await page.request.delete(`/api/curate/topics/${topic.id}`, { headers: ORIGIN })).status()).toBe(403);
    // A mutation from another site is refused even with a session.
    const crossSite = await page.request.put(`/api/curate/speakers/${speaker.id}`, {
      data: { version: 2, country: "Iraq" },
      headers: { Origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);
    await page.goto(`/curate/speakers/${speaker.id}`);
    await expect(page.getByRole("heading", { name: "Delete" })).toHaveCount(0);
  });
});

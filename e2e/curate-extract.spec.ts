import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// The extraction assistant: paste the demo article with its publication date,
// check the proposals (marked in the article, linked to the known speakers),
// edit one, accept them all, publish, and find them by search. Bad input gets
// its message; hostile markup in an article stays text. Every statement here
// is made by the test itself.

test.use({ storageState: STORAGE_STATE.admin });

const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
const ORIGIN = { Origin: new URL(BASE_URL).origin };
const SEED_DIR = path.resolve(process.env.DEMO_DATA_DIR ?? path.join(process.cwd(), "data", "demo"));
const ARTICLE = fs.readFileSync(path.join(SEED_DIR, "aleppo-article.ar.txt"), "utf8");
const PUBLISHED = "2016-11-19"; // a Saturday: «أمس» is 18 November, «الخميس» 17 November

const unique = () =>
  Array.from({ length: 8 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

async function fillArticle(
  page: Page,
  fields: { text: string; language?: string; publishedOn?: string; outlet?: string; title?: string; url?: string },
) {
  await page.getByLabel("Text of the article").fill(fields.text);
  if (fields.language) await page.getByLabel("Language of the article").selectOption(fields.language);
  if (fields.publishedOn) await page.getByLabel("Publication date").fill(fields.publishedOn);
  if (fields.outlet) await page.getByLabel("Outlet").fill(fields.outlet);
  if (fields.title) await page.getByLabel("Title of the article").fill(fields.title);
  if (fields.url) await page.getByLabel("URL of the article").fill(fields.url);
}

const proposal = (page: Page, n: number) => page.getByRole("article", { name: `Proposal ${n}`, exact: true });

test("paste the demo article, edit a proposal, accept all, publish, and find the statements by search", async ({
  page,
}) => {
  // The whole workflow on 18 proposals, with three accessibility scans: longer than one page's test.
  test.setTimeout(180_000);
  const tag = unique();
  await page.goto("/curate/extract");
  await expect(page.getByRole("heading", { level: 1, name: "Statements from an article" })).toBeVisible();
  await expectNoAxeViolations(page);

  await fillArticle(page, {
    text: ARTICLE,
    language: "ar",
    publishedOn: PUBLISHED,
    outlet: "E2E Wire",
    title: `Aleppo ${tag}`,
    url: `https://news.example.org/aleppo-${tag}`,
  });
  await page.getByRole("button", { name: "Propose statements" }).click();
  // A cold worker thread on a loaded CI machine can take seconds; the point here is the 18 proposals.
  await expect(page.getByRole("heading", { name: "Proposals (18)" })).toBeVisible({ timeout: 30_000 });

  // The article, right to left, with 18 numbered marks; each number leads to its proposal.
  const marked = page.getByRole("region", { name: "The article, with the proposals marked" });
  await expect(marked).toHaveAttribute("dir", "rtl");
  await expect(marked).toHaveAttribute("lang", "ar");
  await expect(marked.locator("mark")).toHaveCount(18);
  await expect(marked.getByRole("link", { name: "Proposal 15", exact: true })).toHaveAttribute(
    "href",
    "#extract-proposal-15",
  );

  // Linked to the known speakers, dated from the publication day.
  await expect(proposal(page, 1).getByText("Known speaker: Shaam News Network")).toBeVisible();
  await expect(proposal(page, 15).getByText("Known speaker: Angela Merkel")).toBeVisible();
  await expect(proposal(page, 15).getByLabel("Date said")).toHaveValue("2016-11-17");
  await expect(proposal(page, 13).getByLabel("Date said")).toHaveValue("2016-11-18");
  await expect(proposal(page, 18).getByText("Known speaker: Frank-Walter Steinmeier")).toBeVisible();
  await expectNoAxeViolations(page);

  // Edit one proposal's words, then accept every proposal.
  const firstText = proposal(page, 1).getByLabel("Text of the statement");
  await firstText.fill(`${await firstText.inputValue()} ${tag}`);
  const texts = await page
    .getByRole("article")
    .getByLabel("Text of the statement")
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
  expect(texts).toHaveLength(18);
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByText("18 accepted, 0 rejected, 0 not decided, 0 saved")).toBeVisible();
  await expect(proposal(page, 7).getByRole("button", { name: "Accept", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await page.getByRole("button", { name: "Publish accepted" }).click();
  const saved = page.getByRole("region", { name: "Saved statements" });
  await expect(saved.getByRole("link")).toHaveCount(18);
  const hrefs = await saved.getByRole("link").evaluateAll((els) => els.map((el) => el.getAttribute("href") ?? ""));
  const ids = hrefs.map((href) => Number(/^\/curate\/statements\/(\d+)$/.exec(href)?.[1]));
  expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
  await expect(proposal(page, 1).getByRole("link", { name: `Statement ${ids[0]}` })).toBeVisible();
  await expect(page.getByText("0 accepted, 0 rejected, 0 not decided, 18 saved")).toBeVisible();
  await expectNoAxeViolations(page);

  // Published: each is found by search (the edited one by its new word), within seconds.
  await expect(async () => {
    const edited = (await (await page.request.get(`/api/v1/search?q=${tag}`)).json()) as {
      hits: Array<{ id: number; text: string }>;
    };
    expect(edited.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(edited.hits[0]?.text).toBe(texts[0]);
    for (const [i, text] of texts.entries()) {
      const words = text
        .replace(/[«»"“”]/g, " ")
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 6)
        .join(" ");
      const body = (await (
        await page.request.get(`/api/v1/search?q=${encodeURIComponent(words)}&lang=ar&limit=50`)
      ).json()) as { hits: Array<{ id: number }> };
      expect(
        body.hits.map((h) => h.id),
        `proposal ${i + 1}: ${words}`,
      ).toContain(ids[i]);
    }
  }).toPass({ timeout: 10_000 });

  // Saved with the article's source and the known speaker.
  const one = (await (await page.request.get(`/api/v1/statements/${ids[14]}`)).json()) as Record<string, unknown>;
  expect(JSON.stringify(one)).toContain("angela-merkel");
  expect(JSON.stringify(one)).toContain(`https://news.example.org/aleppo-${tag}`);
});

test("empty text and an impossible date get their messages; what was typed stays", async ({ page }) => {
  await page.goto("/curate/extract");
  await page.getByLabel("Outlet").fill("Kept Outlet");
  await page.getByRole("button", { name: "Propose statements" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The article was not read" })).toHaveText(
    "The article was not read: correct the fields marked below.",
  );
  const text = page.getByLabel("Text of the article");
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("is empty: paste the article's text")).toBeVisible();
  await expect(page.getByLabel("Outlet")).toHaveValue("Kept Outlet");
  await expectNoAxeViolations(page);

  // The API names the field and the rule for what the date picker cannot send.
  const bad = await page.request.post("/api/curate/extract", {
    data: { text: "The mayor said the bridge would reopen.", publishedOn: "2016-02-30" },
    headers: ORIGIN,
  });
  expect(bad.status()).toBe(400);
  expect(
    ((await bad.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field),
  ).toEqual(["publishedOn"]);
  const big = await page.request.post("/api/curate/extract", {
    data: { text: "word ".repeat(210_000) },
    headers: ORIGIN,
  });
  expect(big.status()).toBe(400);
  expect(await big.text()).toMatch(/"field":"text","message":"must be at most 1 MB/);
  const french = await page.request.post("/api/curate/extract", {
    data: { text: "Le ministre a dit que le pont serait rouvert.", language: "fr" },
    headers: ORIGIN,
  });
  expect(french.status()).toBe(200);
  expect(await french.json()).toMatchObject({ proposals: [], notes: [{ code: "unsupported_language" }] });
});

test("a refused save names the proposal and its fields beside them, keeps everything typed, and saves once corrected", async ({
  page,
}) => {
  const tag = unique();
  await page.goto("/curate/extract");
  await fillArticle(page, {
    text: `The harbour master said on Tuesday that the ${tag} pier would reopen. The weather was fine.`,
    language: "en",
    publishedOn: "2024-03-09",
  });
  await page.getByRole("button", { name: "Propose statements" }).click();
  const card = proposal(page, 1);
  await expect(card.getByLabel("Name of the new speaker")).toHaveValue("The harbour master");
  await expect(card.getByLabel("Date said")).toHaveValue("2024-03-05");
  await card.getByLabel("Name of the new speaker").fill("");
  await card.getByLabel("Date said").fill("2024-02-30");
  await card.getByLabel("Text of the statement").fill(`the ${tag} pier would reopen soon`);
  await card.getByRole("button", { name: "Accept", exact: true }).click();
  await page.getByRole("button", { name: "Save accepted as drafts" }).click();

  const alert = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
  await expect(alert).toContainText("correct the fields marked in these proposals");
  await expect(alert.getByRole("link", { name: "Proposal 1" })).toHaveAttribute("href", "#extract-proposal-1");
  await expect(card.getByLabel("Name of the new speaker")).toHaveAttribute("aria-invalid", "true");
  await expect(card.getByText("is required")).toBeVisible();
  await expect(card.getByLabel("Date said")).toHaveAttribute("aria-invalid", "true");
  await expect(card.getByText('"2024-02-30" is not a real date')).toBeVisible();
  await expect(card.getByLabel("Text of the statement")).toHaveValue(`the ${tag} pier would reopen soon`);
  await expectNoAxeViolations(page);

  await card.getByLabel("Name of the new speaker").fill(`Harbour Master ${tag}`);
  await card.getByLabel("Kind of the new speaker").selectOption("organization");
  await card.getByLabel("Date said").fill("2024-03-05");
  await page.getByRole("button", { name: "Save accepted as drafts" }).click();
  const link = page.getByRole("region", { name: "Saved statements" }).getByRole("link");
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page.getByLabel("Text of the statement")).toHaveValue(`the ${tag} pier would reopen soon`);
  await expect(page.getByText(`Harbour Master ${tag}`).first()).toBeVisible();
});

test("hostile markup in an article stays inert text in the marked article (Arabic interface)", async ({
  page,
  context,
}) => {
  await useLocale(context, BASE_URL, "ar");
  await page.goto("/curate/extract");
  await expect(page.getByRole("heading", { level: 1, name: "تصريحات من مقال" })).toBeVisible();
  const hostile = `The minister said that <img src=x onerror="window.__pwned=1"> was only a picture. <script>window.__pwned=2</script> “<b onmouseover=alert(1)>Bold</b> words,” the mayor said.`;
  await page.getByLabel("نص المقال").fill(hostile);
  await page.getByLabel("تاريخ النشر").fill("2024-03-09");
  await page.getByRole("button", { name: "اقتراح التصريحات" }).click();
  const marked = page.getByRole("region", { name: "المقال مع تمييز الاقتراحات" });
  await expect(marked.locator("mark").first()).toBeVisible();
  await expect(marked).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(marked).toContainText("<script>window.__pwned=2</script>");
  await expect(marked.locator("img, script, b")).toHaveCount(0);
  await expect(marked).toHaveAttribute("dir", "ltr");
  await expect(marked).toHaveAttribute("lang", "en");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByRole("article").first().locator("textarea")).toHaveValue(/<img src=x onerror/);
  await expectNoAxeViolations(page);
});

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("both extraction routes answer 401", async ({ request }) => {
    const propose = await request.post("/api/curate/extract", {
      data: { text: ARTICLE, language: "ar" },
      headers: ORIGIN,
    });
    expect(propose.status()).toBe(401);
    const accept = await request.post("/api/curate/extract/accept", {
      data: { status: "published", statements: [{ text: "x", language: "en", speakerId: 1 }] },
      headers: ORIGIN,
    });
    expect(accept.status()).toBe(401);
  });
});

import { expect, test } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./support/a11y";

// Makes its own data: an English translation of one of Merkel's statements,
// removed afterwards (this file runs after the others, see playwright.config.ts).

let pool: pg.Pool;
let originalId: number;
let translationId: number;

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const original = await pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = 'demo-aleppo-16'`);
  originalId = original.rows[0]!.id;
  const inserted = await pool.query<{ id: number }>(
    `INSERT INTO statements (external_id, text, language, kind, speaker_id, said_on, said_on_precision, translation_of_id, translated_by)
     SELECT 'e2e-translation-16', 'Most Syrians who sought refuge in Germany fled the crimes of Assad, not those of ISIS.', 'en', 'indirect',
            speaker_id, said_on, said_on_precision, id, 'E2E translation desk'
       FROM statements WHERE id = $1 RETURNING id`,
    [originalId],
  );
  translationId = inserted.rows[0]!.id;
});

test.afterAll(async () => {
  await pool.query(`DELETE FROM statements WHERE id = $1`, [translationId]);
  await pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [translationId]);
  await pool.end();
});

test("a translation links to its original wording and the original to its translations", async ({ page }) => {
  await page.goto(`/statements/${translationId}`);
  await expect(page.locator("main blockquote")).toHaveAttribute("lang", "en");
  await expect(page.getByText("Translated by E2E translation desk")).toBeVisible();
  const original = page.getByRole("heading", { name: "Original wording" }).locator("..");
  await original.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/statements/${originalId}$`));
  await expect(page.locator("main blockquote")).toHaveAttribute("lang", "ar");
  const translations = page.getByRole("heading", { name: "Translations" }).locator("..");
  await expect(translations.getByRole("link")).toHaveAttribute("href", `/statements/${translationId}`);
  await expect(translations.getByRole("link").locator("bdi[lang='en']")).toHaveAttribute("dir", "auto");
  await expectNoAxeViolations(page);
});

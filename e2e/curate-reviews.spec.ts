import { expect, test } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// Fact-check reviews (issue 15): a curator adds one in the workspace (a bad one is refused naming
// its field), the statement page shows it and describes it as schema.org ClaimReview beside the
// Quotation, search's "reviewed" facet finds the statement, and the curator removes it again. The
// statement is made by the test itself.

let pool: pg.Pool;
let statementId: number;
const TEXT = `The convoy was never attacked, said the ministry (${Date.now()}).`;

test.use({ storageState: STORAGE_STATE.admin });

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision)
     SELECT $1, 'en', 'direct', id, '2016-11-20', 'day' FROM speakers WHERE slug = 'angela-merkel' RETURNING id`,
    [TEXT],
  );
  statementId = rows[0]!.id;
  await pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [statementId]);
});

test.afterAll(async () => {
  await pool.query(`DELETE FROM statements WHERE id = $1`, [statementId]);
  await pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [statementId]);
  await pool.end();
});

test("a curator adds a fact-check: the page shows it with ClaimReview JSON-LD, search's reviewed facet finds it; then removes it", async ({
  page,
  request,
}) => {
  await page.goto(`/curate/statements/${statementId}`);
  const section = page.getByRole("region", { name: "Fact-checks" });
  await expect(section.getByText("No fact-check of this statement yet.")).toBeVisible();
  await section.getByLabel("Rating").fill("Misleading");
  await section.getByLabel("Reviewer", { exact: true }).fill("Fact Desk");
  await section.getByLabel("Address of the fact-check").fill("https://factdesk.example/checks/e2e");
  await section.getByLabel("Reviewed on").fill("2016-11-21");
  await section.getByLabel("Value on the scale (optional)").fill("7");
  await section.getByLabel("Worst on the scale").fill("1");
  await section.getByLabel("Best on the scale").fill("5");
  await section.getByRole("button", { name: "Add the fact-check" }).click();
  // Outside its scale: refused, naming the field; nothing typed is lost.
  await expect(section.getByRole("alert")).toContainText(
    "ratingValue: must be within the scale, from worstRating (1) to bestRating (5)",
  );
  await expect(section.getByLabel("Rating")).toHaveValue("Misleading");
  await section.getByLabel("Value on the scale (optional)").fill("2");
  await section.getByRole("button", { name: "Add the fact-check" }).click();
  await expect(section.getByTestId("curator-review")).toContainText("Misleading");
  await expectNoAxeViolations(page);

  await page.goto(`/statements/${statementId}`);
  const reviews = page.getByRole("region", { name: "Fact-checks" });
  await expect(reviews.getByTestId("review")).toContainText("Misleading");
  await expect(reviews.getByTestId("review")).toContainText("2 on a scale from 1 to 5");
  await expect(reviews.getByRole("link", { name: "Read the fact-check" })).toHaveAttribute(
    "href",
    "https://factdesk.example/checks/e2e",
  );
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  const data = scripts.map((text) => JSON.parse(text) as Record<string, unknown>);
  expect(data.map((d) => d["@type"])).toEqual(["Quotation", "ClaimReview"]);
  expect(data[1]).toMatchObject({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: "https://factdesk.example/checks/e2e",
    datePublished: "2016-11-21",
    claimReviewed: TEXT,
    author: { "@type": "Organization", name: "Fact Desk" },
    itemReviewed: {
      "@type": "Claim",
      author: { "@type": "Person", name: "Angela Merkel" },
      datePublished: "2016-11-20",
    },
    reviewRating: { "@type": "Rating", alternateName: "Misleading", ratingValue: 2, bestRating: 5, worstRating: 1 },
  });

  // The sync worker brings the change to search within about a second.
  await expect
    .poll(async () =>
      ((await (await request.get("/api/v1/search?reviewed=true")).json()) as { hits: Array<{ id: number }> }).hits.map(
        (h) => h.id,
      ),
    )
    .toEqual([statementId]);
  await page.goto("/search?reviewed=true");
  await expect(page.getByRole("status")).toHaveText("1 statement found");
  await expect(
    page
      .getByRole("region", { name: "Fact-checks", exact: true })
      .getByRole("link", { name: /^Fact-checked\W+1 statement/ }),
  ).toBeVisible();

  await page.goto(`/curate/statements/${statementId}`);
  await page.getByRole("region", { name: "Fact-checks" }).getByRole("button", { name: "Remove" }).click();
  await expect(
    page.getByRole("region", { name: "Fact-checks" }).getByText("No fact-check of this statement yet."),
  ).toBeVisible();
  await expect
    .poll(async () => ((await (await request.get("/api/v1/search?reviewed=true")).json()) as { total: number }).total)
    .toBe(0);
});

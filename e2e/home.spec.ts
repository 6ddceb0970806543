import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// The home page on the demo data (18 statements by 8 speakers, 6 topics, all
// said in November 2016) plus the hostile fixture (one statement said
// 2020-01-02 by its own speaker on its own topic).

test("the home page has a search box, totals, the latest statements and the most active speakers and topics", async ({
  page,
}) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who said what, when — and where it was reported");
  await expect(page.getByRole("searchbox", { name: "Search statements" })).toBeVisible();
  await expect(page.getByText("19 statements by 9 speakers on 7 topics.")).toBeVisible();

  const latest = page.getByRole("region", { name: "Latest statements" });
  await expect(latest.locator("article")).toHaveCount(6);
  // Newest said first: the fixture (2020) before the demo statements (2016).
  await expect(latest.locator("article").first()).toContainText("2 January 2020");
  await expect(latest.locator("article").nth(1)).toContainText("November 2016");
  await expect(latest.getByRole("link", { name: "All statements, newest first" })).toHaveAttribute(
    "href",
    "/search?sort=newest",
  );

  const speakers = page.getByRole("region", { name: "Most quoted speakers" });
  const speakerLinks = speakers.getByRole("listitem").getByRole("link");
  await expect(speakerLinks).toHaveCount(8);
  await expect(speakerLinks.nth(0)).toHaveText(/Bassam Al-Abdallah\s*4 statements/);
  await expect(speakerLinks.nth(0)).toHaveAttribute("href", "/speakers/bassam-al-abdallah");
  await expect(speakerLinks.nth(1)).toHaveText(/Médecins Sans Frontières\s*3 statements/);
  await expect(speakerLinks.nth(1)).toHaveAttribute("href", "/speakers/msf");
  await expect(speakers.getByRole("link", { name: /Angela Merkel\s*2 statements/ })).toHaveAttribute(
    "href",
    "/speakers/angela-merkel",
  );
  await expect(speakers.getByRole("link", { name: "All speakers" })).toHaveAttribute("href", "/speakers");

  const topics = page.getByRole("region", { name: "Most discussed topics" });
  const topicLinks = topics.getByRole("listitem").getByRole("link");
  await expect(topicLinks).toHaveCount(7);
  await expect(topicLinks.nth(0)).toHaveText(/Aleppo\s*11 statements/);
  await expect(topicLinks.nth(0)).toHaveAttribute("href", "/topics/aleppo");
  await expect(topicLinks.nth(1)).toHaveText(/International response\s*7 statements/);
  await expect(topics.getByRole("link", { name: /Refugees\s*1 statement$/ })).toHaveAttribute(
    "href",
    "/topics/refugees",
  );
  await expect(topics.getByRole("link", { name: "All topics" })).toHaveAttribute("href", "/topics");
});

test("the home page in Arabic: names, counts and totals in Arabic, right to left", async ({
  page,
  context,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("من قال ماذا، ومتى، وأين نُقل");
  await expect(page.getByText("التصريحات: 19 — المتحدثون: 9 — المواضيع: 7")).toBeVisible();
  const speakers = page.getByRole("region", { name: "أكثر المتحدثين تصريحًا" });
  await expect(speakers.getByRole("link", { name: /منظمة أطباء بلا حدود\s*3 تصريحات/ })).toHaveAttribute(
    "href",
    "/speakers/msf",
  );
  await expect(speakers.getByRole("link", { name: /أنجيلا ميركل\s*تصريحان/ })).toBeVisible();
  const topics = page.getByRole("region", { name: "أكثر المواضيع تناولًا" });
  await expect(topics.getByRole("link", { name: /حلب\s*11 تصريحًا/ })).toHaveAttribute("href", "/topics/aleppo");
  await expect(topics.getByRole("link", { name: /اللاجئون\s*تصريح واحد/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "أحدث التصريحات" }).locator("article").first()).toContainText(
    "2 يناير 2020",
  );
});

test("searching from the home page opens the search with the words", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search statements" }).fill("Merkel");
  await page.getByRole("searchbox", { name: "Search statements" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Merkel$/);
  await expect(page.getByRole("status")).toHaveText(/statements? found/);
});

for (const locale of ["en", "ar"] as const) {
  test(`no axe violations on the home page (${locale})`, async ({ page, context, baseURL }) => {
    await useLocale(context, baseURL!, locale);
    await page.goto("/");
    await expect(page.locator("article").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// Demo data: six topics; Aleppo has 11 statements by 6 speakers (Médecins Sans
// Frontières the most, 3), all said in November 2016 (known to the month);
// "E2E safety" holds the hostile fixture, said on 2 January 2020.

test("the topic index lists every topic with its statement count, and passes axe", async ({ page }) => {
  await page.goto("/topics");
  await expect(page.getByRole("heading", { level: 1, name: "Topics" })).toBeVisible();
  const main = page.locator("main");
  const aleppo = main.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Aleppo", exact: true }) });
  await expect(aleppo).toContainText("(11 statements)");
  await expect(
    main.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Refugees", exact: true }) }),
  ).toContainText("(1 statement)");
  for (const name of [
    "Attacks on hospitals",
    "Airstrikes",
    "Chemical weapons",
    "International response",
    "E2E safety",
  ]) {
    await expect(main.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(main.getByRole("link", { name: "Aleppo", exact: true })).toHaveAttribute("href", "/topics/aleppo");
  await expectNoAxeViolations(page);
});

test("the topic index in Arabic: names in Arabic, the canonical name where there is none, right to left", async ({
  page,
  context,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  await page.goto("/topics");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "المواضيع" })).toBeVisible();
  const main = page.locator("main");
  await expect(
    main.getByRole("listitem").filter({ has: page.getByRole("link", { name: "حلب", exact: true }) }),
  ).toContainText("(11 تصريحاً)");
  await expect(
    main.getByRole("listitem").filter({ has: page.getByRole("link", { name: "اللاجئون", exact: true }) }),
  ).toContainText("(تصريح واحد)");
  await expect(main.getByRole("link", { name: "E2E safety", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a topic page: names, speakers with counts, timeline with a text alternative, statements, canonical URL", async ({
  page,
}) => {
  await page.goto("/topics/aleppo");
  await expect(page.getByRole("heading", { level: 1, name: "Aleppo" })).toBeVisible();
  await expect(page).toHaveTitle(/Aleppo/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/topics\/aleppo$/);
  await expect(page.getByText("11 statements by 6 speakers.")).toBeVisible();
  const names = page.locator("main dl");
  await expect(names.getByText("حلب", { exact: true })).toHaveAttribute("lang", "ar");
  await expect(names.getByText("Aleppo", { exact: true }).last()).toHaveAttribute("lang", "de");

  const speakers = page.getByRole("region", { name: "Speakers" });
  await expect(speakers.getByRole("listitem")).toHaveCount(6);
  await expect(speakers.getByRole("listitem").first()).toContainText("Médecins Sans Frontières: 3 statements");
  await expect(speakers.getByRole("link", { name: "Médecins Sans Frontières" })).toHaveAttribute(
    "href",
    "/speakers/msf",
  );

  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.locator("figcaption")).toHaveText("Statements on this topic per month of 2016");
  await expect(timeline.locator("svg")).toHaveAttribute("aria-hidden", "true");
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline.getByRole("listitem")).toHaveText("November 2016: 11 statements");

  const statements = page.getByRole("region", { name: "Statements, newest first" });
  await expect(statements.locator("article")).toHaveCount(11);
  await expect(statements.locator('blockquote[lang="ar"]').first()).toHaveAttribute("dir", "rtl");
  await expect(statements.locator("article").first()).toContainText("November 2016");
  // Eleven fit on one page: no pager, and no page 2.
  await expect(page.getByRole("navigation", { name: "Pages of statements" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a topic page in Arabic, right to left, with Arabic month names", async ({ page, context, baseURL }) => {
  await useLocale(context, baseURL!, "ar");
  await page.goto("/topics/aleppo");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "حلب" })).toBeVisible();
  await expect(page.getByText("11 تصريحاً من 6 متحدثين.")).toBeVisible();
  const timeline = page.getByRole("region", { name: "التسلسل الزمني" });
  await expect(timeline.getByRole("listitem")).toHaveText("نوفمبر 2016: 11 تصريحاً");
  await expect(page.getByRole("region", { name: "التصريحات، الأحدث أولاً" }).locator("article")).toHaveCount(11);
  await expectNoAxeViolations(page);
});

test("the hostile fixture's topic renders its speaker's name as text, dated to the day", async ({ page }) => {
  await page.goto("/topics/e2e-safety");
  await expect(page.getByRole("heading", { level: 1, name: "E2E safety" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Speakers" }).getByRole("link")).toHaveText(
    "E2E <i>Hostile</i> Speaker",
  );
  expect(await page.locator("main i, main img, main b").count()).toBe(0);
  await expect(page.getByRole("region", { name: "Statements, newest first" }).locator("article")).toContainText(
    "2 January 2020",
  );
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem")).toHaveText(
    "January 2020: 1 statement",
  );
});

test("keyboard: the topic links are reachable and visibly focused", async ({ page }) => {
  await page.goto("/topics");
  const link = page.locator("main").getByRole("link", { name: "Aleppo", exact: true });
  for (let i = 0; i < 40 && !(await link.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/topics\/aleppo$/);
});

test("unknown topics, Arabic slugs and bad page numbers give a 404 page, never an error", async ({ page }) => {
  for (const url of [
    "/topics/no-such-topic",
    `/topics/${encodeURIComponent("حلب")}`,
    "/topics/aleppo?page=2",
    "/topics/aleppo?page=abc",
    "/topics/aleppo?page=0",
    "/topics?page=2",
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  expect((await page.goto("/topics/aleppo?page=1"))?.status()).toBe(200);
});

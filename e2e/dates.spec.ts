import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// Demo data: 18 statements said in November 2016, known only to the month; the
// hostile fixture said on 2 January 2020, known to the day.

const region = (page: Page, name: string) => page.getByRole("region", { name });

test("the dates index lists the years that have statements, with counts", async ({ page }) => {
  await page.goto("/dates");
  await expect(page.getByRole("heading", { level: 1, name: "Dates" })).toBeVisible();
  const years = region(page, "Years with statements");
  await expect(years.getByRole("link")).toHaveCount(2);
  await expect(years.getByRole("link", { name: /^2016/ })).toContainText("18 statements");
  await expect(years.getByRole("link", { name: /^2020/ })).toContainText("1 statement");
  await expect(years.getByRole("link", { name: /^2016/ })).toHaveAttribute("href", "/dates/2016");
  await expectNoAxeViolations(page);
});

test("the dates index goes to a typed date, and explains a bad one", async ({ page }) => {
  await page.goto("/dates");
  await page.getByLabel("Go to a date").fill("2016-11");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/\/dates\/2016-11$/);
  await page.goto("/dates");
  await page.getByLabel("Go to a date").fill("2016-02-30");
  await page.keyboard.press("Enter");
  await expect(page.locator("main").getByRole("alert")).toContainText(
    "“2016-02-30” is not a date written YYYY, YYYY-MM or YYYY-MM-DD",
  );
  await expect(page.getByLabel("Go to a date")).toHaveValue("2016-02-30");
  await expectNoAxeViolations(page);
});

test("a year page: months with counts, statements by precision, next year", async ({ page }) => {
  await page.goto("/dates/2016");
  await expect(page.getByRole("heading", { level: 1, name: "Statements said in 2016" })).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/dates\/2016$/);
  const months = region(page, "Months of 2016");
  await expect(months.getByRole("link")).toHaveCount(1);
  await expect(months.getByRole("link", { name: /November/ })).toHaveAttribute("href", "/dates/2016-11");
  await expect(months.getByRole("link", { name: /November/ })).toContainText("18 statements");
  await expect(page.getByRole("list", { name: "How precisely their dates are known" })).toContainText(
    "Known only to the month: 18 statements",
  );
  await expect(region(page, "Known only to the month").locator("article")).toHaveCount(18);
  await expect(region(page, "Known to the day")).toHaveCount(0);
  await expect(region(page, "Known only to the year")).toHaveCount(0);
  const nearby = page.getByRole("navigation", { name: "Nearest dates with statements" });
  await expect(nearby).toContainText("No earlier year has statements.");
  await nearby.getByRole("link", { name: "Next: 2020" }).click();
  await expect(page).toHaveURL(/\/dates\/2020$/);
  await expectNoAxeViolations(page);
});

test("precision honesty: November 2016 lists the demo statements as known only to the month", async ({ page }) => {
  await page.goto("/dates/2016-11");
  await expect(page.getByRole("heading", { level: 1, name: "Statements said in November 2016" })).toBeVisible();
  const monthOnly = region(page, "Known only to the month");
  await expect(monthOnly.locator("article")).toHaveCount(18);
  await expect(monthOnly.getByText("Only the month is known, so these are not placed on any day.")).toBeVisible();
  await expect(monthOnly.locator("article").first()).toContainText("November 2016");
  await expect(region(page, "Known to the day")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "How precisely their dates are known" })).toContainText(
    "Known to the day: 0 statements",
  );

  // The calendar: a table with weekday headers; no day has a statement known to the day.
  const calendar = page.getByRole("table", { name: "November 2016" });
  await expect(calendar.getByRole("columnheader")).toHaveCount(7);
  await expect(calendar.getByRole("columnheader").first()).toHaveText("Mon");
  await expect(calendar.locator("abbr").first()).toHaveAttribute("title", "Monday");
  await expect(calendar.getByRole("cell", { name: "30", exact: true })).toBeVisible();
  await expect(calendar.getByRole("link")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("precision honesty: a day of November 2016 shows none of the month-only statements, and says where they are", async ({
  page,
}) => {
  const response = await page.goto("/dates/2016-11-17");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Statements said on 17 November 2016" })).toBeVisible();
  await expect(page.locator("main article")).toHaveCount(0);
  await expect(page.getByText("No statement is known to have been said on this day.")).toBeVisible();
  const pointer = page.getByRole("link", { name: /Known only to the month of November 2016: 18 statements/ });
  await expect(pointer).toHaveAttribute("href", "/dates/2016-11");
  const calendar = page.getByRole("table", { name: "November 2016" });
  await expect(calendar.locator('[aria-current="date"]')).toHaveText("17");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectNoAxeViolations(page);
});

test("the hostile statement is on its day's page, known to the day, rendered inert", async ({ page }) => {
  await page.goto("/dates/2020-01-02");
  await expect(page.getByRole("heading", { level: 1, name: "Statements said on 2 January 2020" })).toBeVisible();
  const dayKnown = region(page, "Known to the day");
  await expect(dayKnown.locator("article")).toHaveCount(1);
  await expect(dayKnown.locator("article")).toContainText("Hostile");
  await expect(dayKnown.getByRole("link", { name: "E2E <i>Hostile</i> Speaker" })).toBeVisible();
  expect(await page.locator("main i, main img, main b").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const nearby = page.getByRole("navigation", { name: "Nearest dates with statements" });
  await expect(nearby).toContainText("No earlier day has statements known to the day.");
  await expect(nearby).toContainText("No later day has statements known to the day.");
  await expectNoAxeViolations(page);
});

test("previous and next jump to the nearest months with statements", async ({ page }) => {
  await page.goto("/dates/2016-11");
  const nearby = page.getByRole("navigation", { name: "Nearest dates with statements" });
  await expect(nearby).toContainText("No earlier month has statements");
  await nearby.getByRole("link", { name: "Next: January 2020" }).click();
  await expect(page).toHaveURL(/\/dates\/2020-01$/);
  await expect(region(page, "Known to the day").locator("article")).toHaveCount(1);
  await page
    .getByRole("navigation", { name: "Nearest dates with statements" })
    .getByRole("link", { name: "Previous: November 2016" })
    .click();
  await expect(page).toHaveURL(/\/dates\/2016-11$/);
  // Between them, an empty month points both ways.
  await page.goto("/dates/2018-06");
  await expect(page.getByText("No statement is known to have been said in this month.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Previous: November 2016" })).toHaveAttribute("href", "/dates/2016-11");
  await expect(page.getByRole("link", { name: "Next: January 2020" })).toHaveAttribute("href", "/dates/2020-01");
});

test("calendar days with statements are links, reachable by keyboard", async ({ page }) => {
  await page.goto("/dates/2020-01");
  const calendar = page.getByRole("table", { name: "January 2020" });
  const day = calendar.getByRole("link");
  await expect(day).toHaveCount(1);
  await expect(day).toHaveAccessibleName(/^2 — 2 January 2020: 1 statement$/);
  for (let i = 0; i < 60 && !(await day.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(day).toBeFocused();
  expect(await day.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dates\/2020-01-02$/);
  await expect(page.getByRole("table", { name: "January 2020" }).locator('[aria-current="date"]')).toContainText("2");
  // The day's calendar heading leads back to the month.
  await page.getByRole("heading", { name: "Calendar of January 2020" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/dates\/2020-01$/);
});

test.describe("in Arabic", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await useLocale(context, baseURL!, "ar");
  });

  test("the dates index and a year page, right to left", async ({ page }) => {
    await page.goto("/dates");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "التواريخ" })).toBeVisible();
    await expect(region(page, "السنوات التي فيها تصريحات").getByRole("link", { name: /^2016/ })).toContainText(
      "18 تصريحاً",
    );
    await expect(region(page, "السنوات التي فيها تصريحات").getByRole("link", { name: /^2020/ })).toContainText(
      "تصريح واحد",
    );
    await expectNoAxeViolations(page);

    await page.goto("/dates/2016");
    await expect(page.getByRole("heading", { level: 1, name: "تصريحات أُدلي بها في عام 2016" })).toBeVisible();
    await expect(region(page, "أشهر عام 2016").getByRole("link", { name: /نوفمبر/ })).toContainText("18 تصريحاً");
    await expect(region(page, "أشهر عام 2016")).toContainText("يناير");
    await expect(region(page, "معروفة بالشهر فقط").locator("article")).toHaveCount(18);
    await expect(page.getByRole("link", { name: "التالي: 2020" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a month page: Arabic month names, weekdays from Saturday, the precision sections", async ({ page }) => {
    await page.goto("/dates/2016-11");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "تصريحات أُدلي بها في نوفمبر 2016" })).toBeVisible();
    const calendar = page.getByRole("table", { name: "نوفمبر 2016" });
    await expect(calendar.getByRole("columnheader")).toHaveText([
      "السبت",
      "الأحد",
      "الاثنين",
      "الثلاثاء",
      "الأربعاء",
      "الخميس",
      "الجمعة",
    ]);
    await expect(region(page, "معروفة بالشهر فقط").locator("article")).toHaveCount(18);
    await expect(region(page, "معروفة باليوم")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "التالي: يناير 2020" })).toHaveAttribute("href", "/dates/2020-01");
    await expectNoAxeViolations(page);
  });

  test("a day page: the day in Arabic, the month-only statements pointed to, not listed", async ({ page }) => {
    await page.goto("/dates/2016-11-17");
    await expect(page.getByRole("heading", { level: 1, name: "تصريحات أُدلي بها يوم 17 نوفمبر 2016" })).toBeVisible();
    await expect(page.locator("main article")).toHaveCount(0);
    await expect(page.getByText("لا يُعرف أي تصريح أُدلي به في هذا اليوم.")).toBeVisible();
    await expect(page.getByRole("link", { name: /معروفة بشهر نوفمبر 2016 فقط: 18 تصريحاً/ })).toHaveAttribute(
      "href",
      "/dates/2016-11",
    );
    await expectNoAxeViolations(page);

    await page.goto("/dates/2020-01-02");
    await expect(page.getByRole("heading", { level: 1, name: "تصريحات أُدلي بها يوم 2 يناير 2020" })).toBeVisible();
    await expect(region(page, "معروفة باليوم").locator("article")).toHaveCount(1);
    await expectNoAxeViolations(page);
  });

  test("Levantine month names when chosen", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "months", value: "levantine", url: baseURL! }]);
    await page.goto("/dates/2016-11");
    await expect(page.getByRole("heading", { level: 1, name: "تصريحات أُدلي بها في تشرين الثاني 2016" })).toBeVisible();
    await expect(page.getByRole("table", { name: "تشرين الثاني 2016" })).toBeVisible();
  });
});

test("malformed and impossible dates, and bad pages, give the 404 page, never an error", async ({ page }) => {
  for (const url of [
    "/dates/2016-02-30",
    "/dates/2015-02-29",
    "/dates/2016-13",
    "/dates/2016-00",
    "/dates/abc",
    "/dates/0999",
    "/dates/3000",
    "/dates/2016-1",
    "/dates/2016-11-17x",
    `/dates/${encodeURIComponent("٢٠١٦")}`,
    "/dates/2016-11?page=2",
    "/dates/2016-11?page=abc",
    "/dates/2016-11?page=0",
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  expect((await page.goto("/dates/2016-02-29"))?.status()).toBe(200);
});

import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// The reader's search page, on the demo data (18 Arabic statements said in
// November 2016 by 8 speakers, MSF 3 and Merkel 2 of them) plus the hostile
// fixture (English, said 2020-01-02). The 503 state is tested on its own in
// zz-search-outage.spec.ts, because it takes the index away.

const TOTAL = 19;

function facet(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

function status(page: Page) {
  return page.getByRole("status");
}

function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("facets show counts and toggle their filter; the GET form keeps the filters", async ({ page }) => {
    const response = await page.goto("/search");
    expect(response?.status()).toBe(200);
    await expect(status(page)).toHaveText(`${TOTAL} statements found`);

    await expect(
      facet(page, "Speaker").getByRole("link", { name: /^Médecins Sans Frontières\W+3 statements$/ }),
    ).toBeVisible();
    await expect(facet(page, "Speaker").getByRole("link", { name: /^Angela Merkel\W+2 statements$/ })).toBeVisible();
    await expect(facet(page, "Language").getByRole("link", { name: /^Arabic\W+18 statements$/ })).toBeVisible();
    await expect(facet(page, "Language").getByRole("link", { name: /^English\W+1 statement$/ })).toBeVisible();
    await expect(
      facet(page, "Kind of quote").getByRole("link", { name: /^paraphrase\W+12 statements$/ }),
    ).toBeVisible();
    await expect(
      facet(page, "Kind of quote").getByRole("link", { name: /^direct quote\W+3 statements$/ }),
    ).toBeVisible();
    await expect(facet(page, "Year said").getByRole("link", { name: /^2016\W+18 statements$/ })).toBeVisible();
    await expect(facet(page, "Year said").getByRole("link", { name: /^2020\W+1 statement$/ })).toBeVisible();
    await expect(facet(page, "Topic").getByRole("link", { name: /^Aleppo\W+11 statements$/ })).toBeVisible();

    await facet(page, "Speaker")
      .getByRole("link", { name: /^Médecins Sans Frontières/ })
      .click();
    expect(searchParams(page).getAll("speaker")).toEqual(["msf"]);
    await expect(status(page)).toHaveText("3 statements found");
    for (const card of await page.locator("article").all())
      await expect(card).toContainText("Médecins Sans Frontières");
    // The chosen value is marked, and the other speakers stay listed with their own counts to add them.
    await expect(
      facet(page, "Speaker").getByRole("link", { name: /^Médecins Sans Frontières.*filter on/ }),
    ).toBeVisible();
    await facet(page, "Speaker")
      .getByRole("link", { name: /^Angela Merkel\W+2 statements$/ })
      .click();
    expect(searchParams(page).getAll("speaker").sort()).toEqual(["angela-merkel", "msf"]);
    await expect(status(page)).toHaveText("5 statements found");
    // Other facets count within the chosen speakers.
    await expect(facet(page, "Language").getByRole("link", { name: /^Arabic\W+5 statements$/ })).toBeVisible();

    // New words keep the filters (hidden fields of the GET form).
    await page.getByRole("searchbox", { name: "Search statements" }).fill("حلب");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    expect(searchParams(page).get("q")).toBe("حلب");
    expect(searchParams(page).getAll("speaker").sort()).toEqual(["angela-merkel", "msf"]);

    // A selected value's link removes its filter; the chip above the results does too.
    await facet(page, "Speaker")
      .getByRole("link", { name: /^Angela Merkel.*filter on/ })
      .click();
    expect(searchParams(page).getAll("speaker")).toEqual(["msf"]);
    await page.getByRole("link", { name: "Remove the filter Speaker: Médecins Sans Frontières" }).first().click();
    expect(searchParams(page).getAll("speaker")).toEqual([]);
    expect(searchParams(page).get("q")).toBe("حلب");
  });

  test("a date range accepts a year, a month or a day and finds statements by overlap", async ({ page }) => {
    await page.goto("/search");
    const from = page.getByRole("textbox", { name: "From" });
    const submit = page.getByRole("button", { name: "Search", exact: true });

    await from.fill("2020");
    await submit.click();
    expect(searchParams(page).get("from")).toBe("2020");
    await expect(status(page)).toHaveText("1 statement found");
    await expect(page.locator("article")).toContainText("Hostile");
    await expect(page.getByRole("link", { name: "Remove the filter from 2020" })).toBeVisible();

    // Known to the month (2016-11): found by a range inside that month.
    await page.getByRole("textbox", { name: "From" }).fill("2016-11-15");
    await page.getByRole("textbox", { name: "Until" }).fill("2016-11-20");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(status(page)).toHaveText("18 statements found");
    await expect(page.getByRole("textbox", { name: "From" })).toHaveValue("2016-11-15");

    await page.getByRole("textbox", { name: "From" }).fill("2016-12");
    await page.getByRole("textbox", { name: "Until" }).fill("");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(status(page)).toHaveText("1 statement found");
  });

  test("sort by newest and oldest", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Oldest first" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    expect(searchParams(page).get("sort")).toBe("oldest");
    await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("oldest");
    await expect(page.locator("article").first()).toContainText("November 2016");
    await expect(page.locator("article").first()).not.toContainText("Hostile");

    await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Newest first" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    expect(searchParams(page).get("sort")).toBe("newest");
    await expect(page.locator("article").first()).toContainText("Hostile");
    await expect(page.locator("article").first()).toContainText("2 January 2020");
  });

  test("pagination: previous, next and page numbers keep the other parameters", async ({ page }) => {
    await page.goto("/search?lang=ar&sort=oldest&limit=5");
    await expect(status(page)).toHaveText("18 statements found");
    const pages = page.getByRole("navigation", { name: "Result pages" });
    await expect(page.getByText("Page 1 of 4")).toBeVisible();
    await expect(page.locator("article")).toHaveCount(5);
    await expect(pages.getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("aria-current", "page");
    const firstPageIds = await page
      .locator("article a[href^='/statements/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));

    await pages.getByRole("link", { name: "Next" }).click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ lang: "ar", sort: "oldest", limit: "5", page: "2" });
    await expect(page.getByText("Page 2 of 4")).toBeVisible();
    const secondPageIds = await page
      .locator("article a[href^='/statements/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(secondPageIds.filter((id) => firstPageIds.includes(id))).toEqual([]);

    await pages.getByRole("link", { name: "Page 4", exact: true }).click();
    expect(searchParams(page).get("page")).toBe("4");
    await expect(page.locator("article")).toHaveCount(3);
    await expect(pages.getByText("Next")).toHaveAttribute("aria-disabled", "true");

    await pages.getByRole("link", { name: "Previous" }).click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ lang: "ar", sort: "oldest", limit: "5", page: "3" });
    // A facet link goes back to the first page and keeps the rest.
    await facet(page, "Speaker")
      .getByRole("link", { name: /^Médecins Sans Frontières/ })
      .click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ speaker: "msf", lang: "ar", sort: "oldest", limit: "5" });
  });

  test("matches are highlighted in the original spelling", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("مستشفي")}`);
    await expect(page.locator("article mark").first()).toHaveText(/مستشف/);
  });

  test("an empty result suggests what to try, with links that remove each filter", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("zzyzx qwertyuiop")}&speaker=msf&from=2016`);
    await expect(status(page)).toHaveText("No statements found");
    const empty = page.getByRole("region", { name: "Nothing matched your search" });
    await expect(empty).toContainText("Use fewer words");
    await expect(empty).toContainText("Check the spelling, or try another one");
    await expect(empty).toContainText("Merkel or ميركل");
    await expect(empty.getByRole("link", { name: "qwertyuiop" })).toHaveAttribute("href", /q=qwertyuiop/);

    await empty.getByRole("link", { name: "Remove the filter Speaker: Médecins Sans Frontières" }).click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ q: "zzyzx qwertyuiop", from: "2016" });
    await page
      .getByRole("region", { name: "Nothing matched your search" })
      .getByRole("link", { name: "Remove the filter from 2016" })
      .click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ q: "zzyzx qwertyuiop" });
    await expect(
      page
        .getByRole("region", { name: "Nothing matched your search" })
        .getByRole("link", { name: /Remove the filter/ }),
    ).toHaveCount(0);

    // Several filters: each has its link, and one removes them all but keeps the words.
    await page.goto("/search?q=zzyzx&speaker=msf&lang=ar&kind=direct&year=2016&to=2016-11");
    const links = page
      .getByRole("region", { name: "Nothing matched your search" })
      .getByRole("link", { name: /^Remove the filter / });
    await expect(links).toHaveCount(5);
    await page
      .getByRole("region", { name: "Nothing matched your search" })
      .getByRole("link", { name: "Remove all filters" })
      .click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ q: "zzyzx" });
  });

  test("bad parameters answer 400 with messages naming each parameter", async ({ page }) => {
    const response = await page.goto("/search?q=Merkel&from=yesterday&sort=sideways&page=0");
    expect(response?.status()).toBe(400);
    await expect(status(page)).toHaveText("The search could not be run");
    const problem = page.getByRole("region", { name: "The search could not be run" });
    await expect(problem).toContainText(
      'Said from (from): must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got "yesterday"',
    );
    await expect(problem).toContainText('Sort (sort): "sideways" is not one of relevance, newest, oldest');
    await expect(problem).toContainText("Page (page): must be a whole number from 1 to");
    await expect(page.locator("article")).toHaveCount(0);
    // The form keeps what was typed, marks the field and points to its message.
    const from = page.getByRole("textbox", { name: "From" });
    await expect(from).toHaveValue("yesterday");
    await expect(from).toHaveAttribute("aria-invalid", "true");
    await expect(from).toHaveAccessibleDescription(/must be a date written/);

    await problem.getByRole("link", { name: "Search without “Said from”" }).click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ q: "Merkel", sort: "sideways" });
    await expect(page.getByRole("region", { name: "The search could not be run" })).not.toContainText("Said from");

    await page.getByRole("link", { name: "Search without “Sort”" }).click();
    expect(Object.fromEntries(searchParams(page))).toEqual({ q: "Merkel" });
    await expect(status(page)).toHaveText(/statements found/);

    // Submitting the form with a bad date from the form itself.
    await page.getByRole("textbox", { name: "Until" }).fill("2016-02-30");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("region", { name: "The search could not be run" })).toContainText(
      'Said until (to): "2016-02-30" is not a real date',
    );
  });

  test("bad parameters in Arabic", async ({ page, context, baseURL }) => {
    await useLocale(context, baseURL!, "ar");
    const response = await page.goto("/search?from=yesterday&lang=xx");
    expect(response?.status()).toBe(400);
    const problem = page.getByRole("region", { name: "تعذّر تنفيذ البحث" });
    await expect(problem).toContainText("من تاريخ (from)");
    await expect(problem).toContainText("يجب أن يكون تاريخًا مكتوبًا بالشكل YYYY أو YYYY-MM أو YYYY-MM-DD");
    await expect(problem).toContainText("اللغة (lang)");
    await expect(problem).toContainText('"xx" ليست لغة مدعومة');
  });
});

test.describe("with JavaScript", () => {
  test("search as you type: the results and the address follow the words, and Back restores the previous search", async ({
    page,
  }) => {
    await page.goto("/search");
    await expect(status(page)).toHaveText(`${TOTAL} statements found`);
    // Marks this document: a full page load would lose it.
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    const box = page.getByRole("searchbox", { name: "Search statements" });

    await box.pressSequentially("ميركل", { delay: 60 });
    await expect(page).toHaveURL(/\/search\?q=%D9%85%D9%8A%D8%B1%D9%83%D9%84$/);
    await expect(page.locator("article").first()).toContainText("Angela Merkel");
    await expect(status(page)).not.toHaveText(`${TOTAL} statements found`);
    const merkelStatus = await status(page).textContent();

    // The reader leaves the field, then comes back for other words: a search of its own in the history.
    await box.blur();
    await box.fill("");
    await box.pressSequentially("أطباء", { delay: 60 });
    await expect(page).toHaveURL(/q=%D8%A3%D8%B7%D8%A8%D8%A7%D8%A1$/);
    await expect(page.locator("article").first()).toContainText("Médecins Sans Frontières");

    // Back: the previous search, its words in the box and its results.
    await page.goBack();
    await expect(page).toHaveURL(/q=%D9%85%D9%8A%D8%B1%D9%83%D9%84$/);
    await expect(box).toHaveValue("ميركل");
    await expect(status(page)).toHaveText(merkelStatus!);
    await expect(page.locator("article").first()).toContainText("Angela Merkel");
    await page.goBack();
    await expect(page).toHaveURL(/\/search$/);
    await expect(box).toHaveValue("");
    await expect(status(page)).toHaveText(`${TOTAL} statements found`);
    await page.goForward();
    await expect(box).toHaveValue("ميركل");

    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  });

  test("filters, sort and dates update the results without a page load", async ({ page }) => {
    await page.goto("/search");
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    await facet(page, "Speaker")
      .getByRole("link", { name: /^Médecins Sans Frontières/ })
      .click();
    await expect(status(page)).toHaveText("3 statements found");
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("newest");
    await expect(page).toHaveURL(/speaker=msf&sort=newest$/);
    await page.getByRole("textbox", { name: "From" }).fill("2020");
    await page.getByRole("textbox", { name: "From" }).press("Enter");
    await expect(page).toHaveURL(/speaker=msf&from=2020&sort=newest$/);
    await expect(status(page)).toHaveText("No statements found");
    // The removal link clears the date field too.
    await page.getByRole("link", { name: "Remove the filter from 2020" }).first().click();
    await expect(status(page)).toHaveText("3 statements found");
    await expect(page.getByRole("textbox", { name: "From" })).toHaveValue("");
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  });

  test("keyboard only: type, tab to a facet, activate it", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("searchbox", { name: "Search statements" }).focus();
    await page.keyboard.type("Merkel");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=Merkel$/);
    const link = facet(page, "Speaker").getByRole("link", { name: /^Angela Merkel/ });
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=Merkel&speaker=angela-merkel$/);
    await expect(status(page)).toHaveText("2 statements found");
  });
});

test.describe("accessibility", () => {
  for (const locale of ["en", "ar"] as const) {
    test(`no axe violations on results, an empty result and bad parameters (${locale})`, async ({
      page,
      context,
      baseURL,
    }) => {
      await useLocale(context, baseURL!, locale);
      await page.goto("/search?speaker=msf&speaker=angela-merkel&limit=2");
      await expect(page.locator("article").first()).toBeVisible();
      await expect(
        page.getByRole("navigation", { name: locale === "ar" ? "صفحات النتائج" : "Result pages" }),
      ).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
      await expectNoAxeViolations(page);
      await page.goto(`/search?q=${encodeURIComponent("الاسد")}`);
      await expect(page.locator("article mark").first()).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto("/search?q=zzyzx+qwerty&kind=direct&from=2016");
      await expect(page.locator("#search-empty-heading")).toBeVisible();
      await expectNoAxeViolations(page);
      const response = await page.goto("/search?from=yesterday&sort=x");
      expect(response?.status()).toBe(400);
      await expectNoAxeViolations(page);
    });
  }

  test("Arabic interface: facet labels and counts in Arabic", async ({ page, context, baseURL }) => {
    await useLocale(context, baseURL!, "ar");
    await page.goto("/search");
    await expect(status(page)).toHaveText(`عُثر على ${TOTAL} تصريحًا`);
    await expect(
      facet(page, "المتحدث").getByRole("link", { name: /^منظمة أطباء بلا حدود\W+3 تصريحات$/ }),
    ).toBeVisible();
    await expect(facet(page, "المتحدث").getByRole("link", { name: /^أنجيلا ميركل\W+تصريحان$/ })).toBeVisible();
    await expect(facet(page, "اللغة").getByRole("link", { name: /^العربية\W+18 تصريحًا$/ })).toBeVisible();
    await expect(facet(page, "الموضوع").getByRole("link", { name: /^حلب\W+11 تصريحًا$/ })).toBeVisible();
    await expect(page.locator("article").filter({ hasText: "أنجيلا ميركل" }).first()).toBeVisible();
  });
});

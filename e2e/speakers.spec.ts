import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// The speaker index, a speaker's page (profile, chart, topics, latest
// statements, search within), the Atom feed, in English and Arabic.

const ARABIC_FIRST = /^[^A-Za-z\u00C0-\u024F\u0600-\u06FF]*[\u0600-\u06FF]/;

/** The order the index promises: the interface language's script first, each script by its own collator. */
function expectedOrder(names: string[], locale: "en" | "ar"): string[] {
  const arabic = names.filter((n) => ARABIC_FIRST.test(n)).sort(new Intl.Collator("ar").compare);
  const latin = names.filter((n) => !ARABIC_FIRST.test(n)).sort(new Intl.Collator("en").compare);
  return locale === "ar" ? [...arabic, ...latin] : [...latin, ...arabic];
}

async function listedNames(page: Page): Promise<string[]> {
  return page.getByTestId("speaker-list").locator("li > div > p:first-child > a").allInnerTexts();
}

async function hostileSlug(request: APIRequestContext): Promise<string> {
  const found = await (await request.get("/api/v1/search?q=Hostile")).json();
  return found.hits[0].speaker.slug as string;
}

type ParsedFeed = {
  error: string | null;
  root: string;
  namespace: string | null;
  id: string;
  title: string;
  updated: string;
  author: string;
  self: string | null;
  entries: Array<{
    id: string;
    title: string;
    updated: string;
    link: string | null;
    contentType: string | null;
    content: string;
    lang: string | null;
  }>;
  elements: string[];
};

/** Parses an Atom document with the browser's own XML parser (no regular expressions on XML). */
async function parseFeed(page: Page, xml: string): Promise<ParsedFeed> {
  return page.evaluate((text) => {
    const ATOM = "http://www.w3.org/2005/Atom";
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const error = doc.getElementsByTagName("parsererror")[0];
    const child = (el: Element | undefined, name: string) =>
      el ? Array.from(el.children).find((c) => c.namespaceURI === ATOM && c.localName === name) : undefined;
    const feed = doc.documentElement;
    return {
      error: error ? (error.textContent ?? "parse error") : null,
      root: feed.localName,
      namespace: feed.namespaceURI,
      id: child(feed, "id")?.textContent ?? "",
      title: child(feed, "title")?.textContent ?? "",
      updated: child(feed, "updated")?.textContent ?? "",
      author: child(child(feed, "author"), "name")?.textContent ?? "",
      self:
        Array.from(feed.children)
          .find((c) => c.localName === "link" && c.getAttribute("rel") === "self")
          ?.getAttribute("href") ?? null,
      entries: Array.from(doc.getElementsByTagNameNS(ATOM, "entry")).map((entry) => ({
        id: child(entry, "id")?.textContent ?? "",
        title: child(entry, "title")?.textContent ?? "",
        updated: child(entry, "updated")?.textContent ?? "",
        link: child(entry, "link")?.getAttribute("href") ?? null,
        contentType: child(entry, "content")?.getAttribute("type") ?? null,
        content: child(entry, "content")?.textContent ?? "",
        lang: entry.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"),
      })),
      elements: [
        ...new Set(Array.from(doc.getElementsByTagName("*")).map((el) => `${el.namespaceURI}|${el.localName}`)),
      ],
    };
  }, xml);
}

test.describe("the speaker index", () => {
  test("lists every speaker by name in English order, Latin names first, each with their number of statements", async ({
    page,
  }) => {
    await page.goto("/speakers");
    await expect(page.getByRole("heading", { level: 1, name: "Speakers" })).toBeVisible();
    const names = await listedNames(page);
    expect(names).toHaveLength(9);
    expect(names).toEqual(expectedOrder(names, "en"));
    expect(names[0]).toBe("Activists in Aleppo (unnamed)");
    expect(names.indexOf("Médecins Sans Frontières")).toBeLessThan(names.indexOf("Shaam News Network"));
    await expect(page.getByText("1–9 of 9 speakers")).toBeVisible();
    const merkel = page.getByTestId("speaker-list").locator("li", { hasText: "Angela Merkel" });
    await expect(merkel).toContainText("2 statements");
    await expect(merkel).toContainText("Person");
    await expect(merkel.getByRole("link", { name: "Angela Merkel" })).toHaveAttribute(
      "href",
      "/speakers/angela-merkel",
    );
    await expect(page.getByTestId("speaker-list").locator("li", { hasText: "Médecins Sans Frontières" })).toContainText(
      "3 statements",
    );
    await expectNoAxeViolations(page);
  });

  test("in Arabic, shows Arabic names first, in Arabic order, with Arabic plurals", async ({
    page,
    context,
    baseURL,
  }) => {
    await useLocale(context, baseURL!, "ar");
    await page.goto("/speakers");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "المتحدثون" })).toBeVisible();
    const names = await listedNames(page);
    expect(names).toEqual(expectedOrder(names, "ar"));
    expect(names[0]).toBe("الدفاع المدني في حلب");
    expect(names).toContain("أنجيلا ميركل");
    // The hostile speaker has no Arabic name: their Latin name comes after the Arabic ones.
    expect(names.at(-1)).toBe("E2E <i>Hostile</i> Speaker");
    const merkel = page.getByTestId("speaker-list").locator("li", { hasText: "أنجيلا ميركل" });
    await expect(merkel).toContainText("تصريحان");
    await expect(merkel.getByRole("link").locator("bdi")).toHaveAttribute("lang", "ar");
    await expect(page.getByTestId("speaker-list").locator("li", { hasText: "E2E" })).toContainText("تصريح واحد");
    await expectNoAxeViolations(page);
  });

  test("a bad parameter gets a clear message naming it, not an error", async ({ page }) => {
    for (const [url, field] of [
      ["/speakers?kind=robot", "kind"],
      ["/speakers?page=0", "page"],
      ["/speakers?page=abc", "page"],
      [`/speakers?name=${"x".repeat(101)}`, "name"],
    ] as const) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("main").getByRole("alert")).toContainText(`${field}:`);
      await expect(page.getByRole("link", { name: "Show all speakers" })).toBeVisible();
    }
    await page.goto("/speakers?page=7");
    await expect(page.getByText("There is no speaker on page 7; the last page is 1.")).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the kind filter and the name filter work as plain links and a GET form", async ({ page }) => {
      await page.goto("/speakers");
      await page
        .getByRole("navigation", { name: "Kind of speaker" })
        .getByRole("link", { name: /^Organizations \(4\)$/ })
        .click();
      await expect(page).toHaveURL(/\/speakers\?kind=organization$/);
      await expect(page.getByRole("link", { name: /^Organizations/ })).toHaveAttribute("aria-current", "page");
      const names = await listedNames(page);
      expect(names).toEqual([
        "Aleppo Health Directorate",
        "Civil Defence in Aleppo",
        "Médecins Sans Frontières",
        "Shaam News Network",
      ]);
      await expect(page.getByTestId("speaker-list").locator("li")).toHaveCount(4);
      for (const item of await page.getByTestId("speaker-list").locator("li").all())
        await expect(item).toContainText("Organization");

      await page.getByRole("link", { name: /^Groups/ }).click();
      // The list is read once the new page is in (reading right after the click raced the navigation).
      await expect(page).toHaveURL(/\/speakers\?kind=group$/);
      await expect(page.getByRole("link", { name: /^Groups/ })).toHaveAttribute("aria-current", "page");
      expect(await listedNames(page)).toEqual(["Activists in Aleppo (unnamed)"]);

      await page.getByRole("link", { name: /^All kinds \(9\)$/ }).click();
      await page.getByRole("searchbox", { name: "Name contains" }).fill("ميركل");
      await page.getByRole("button", { name: "Find" }).click();
      await expect(page).toHaveURL(/\/speakers\?name=/);
      expect(await listedNames(page)).toEqual(["Angela Merkel"]);
      // The kind links keep the name filter.
      await expect(page.getByRole("link", { name: /^People \(1\)$/ })).toBeVisible();
    });
  });
});

test.describe("a speaker's page", () => {
  test("shows Merkel's names, aliases, role, affiliation, topics and latest statements in English", async ({
    page,
  }) => {
    const response = await page.goto("/speakers/angela-merkel");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/^Angela Merkel · /);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Angela Merkel");
    const profile = page.getByRole("region", { name: "About this speaker" });
    await expect(profile.locator('bdi[lang="ar"]')).toHaveText("أنجيلا ميركل");
    await expect(profile.locator('bdi[lang="en"]')).toHaveText("Angela Merkel");
    await expect(profile.locator('bdi[lang="de"]')).toHaveText("Angela Merkel");
    await expect(profile).toContainText("Also known as");
    await expect(profile.getByText("المستشارة الألمانية")).toBeVisible();
    await expect(profile).toContainText("Chancellor of Germany (2005–2021)");
    await expect(profile).toContainText("Government of Germany");
    await expect(page.getByText("2 statements").first()).toBeVisible();

    const topics = page.getByRole("region", { name: "Topics" });
    await expect(topics.getByRole("link", { name: /International response \(1 statement\)/ })).toHaveAttribute(
      "href",
      "/topics/international-response",
    );
    await expect(topics.getByRole("link", { name: /Refugees \(1 statement\)/ })).toHaveAttribute(
      "href",
      "/topics/refugees",
    );

    const latest = page.getByRole("region", { name: "Latest statements" });
    await expect(latest.locator("article")).toHaveCount(2);
    await expect(latest.locator("blockquote").first()).toHaveAttribute("lang", "ar");
    await expect(latest.locator("blockquote").first()).toHaveAttribute("dir", "rtl");
    await expect(latest.getByText("November 2016").first()).toBeVisible();
    // The speaker is not repeated on each card of their own page.
    await expect(latest.getByRole("link", { name: "Angela Merkel" })).toHaveCount(0);

    // Metadata: canonical address and the feed as an alternate, plus a visible feed link.
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/speakers\/angela-merkel$/);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/speakers\/angela-merkel\/feed\.xml$/,
    );
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Chancellor of Germany/);
    await expect(page.getByRole("link", { name: "Atom feed of the latest statements" })).toHaveAttribute(
      "href",
      "/speakers/angela-merkel/feed.xml",
    );
    await expectNoAxeViolations(page);
  });

  test("reads in Arabic, right to left, with the Arabic name, Arabic plurals and month names", async ({
    page,
    context,
    baseURL,
  }) => {
    await useLocale(context, baseURL!, "ar");
    await page.goto("/speakers/angela-merkel");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText("أنجيلا ميركل");
    await expect(heading.locator("bdi")).toHaveAttribute("lang", "ar");
    await expect(page.getByText("تصريحان").first()).toBeVisible();
    await expect(
      page.getByRole("region", { name: "المواضيع" }).getByRole("link", { name: /الموقف الدولي/ }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "أحدث التصريحات" }).getByText("نوفمبر 2016").first()).toBeVisible();
    await expect(page.locator('svg[role="img"]')).toHaveAttribute(
      "aria-label",
      /في كل شهر، من نوفمبر 2016 إلى نوفمبر 2016/,
    );
    await expectNoAxeViolations(page);
    // With search results on the page too.
    await page.goto(`/speakers/angela-merkel?q=${encodeURIComponent("جرائم")}`);
    await expect(page.getByRole("region", { name: "نتائج البحث" }).locator("mark").first()).toHaveText("جرائم");
    await expectNoAxeViolations(page);
  });

  test("the chart of statements per month has a summary and a table as its text alternative, opened by keyboard", async ({
    page,
  }) => {
    await page.goto("/speakers/angela-merkel");
    const chart = page.locator('svg[role="img"]');
    await expect(chart).toHaveAttribute(
      "aria-label",
      "Bar chart of the statements by Angela Merkel per month, from November 2016 to November 2016: 2 in all, the most in November 2016 (2).",
    );
    const table = page.getByRole("table", { name: "Statements per month" });
    await expect(table).toBeHidden();
    await page.getByText("Show the figures as a table").focus();
    await page.keyboard.press("Enter");
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader")).toHaveText(["Month", "Statements"]);
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("rowheader")).toHaveText("November 2016");
    await expect(table.getByRole("cell")).toHaveText("2");
    await expectNoAxeViolations(page);
  });

  test("is usable by keyboard, with a visible focus", async ({ page }) => {
    await page.goto("/speakers/angela-merkel");
    const feedLink = page.getByRole("link", { name: "Atom feed of the latest statements" });
    for (let i = 0; i < 30 && !(await feedLink.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(feedLink).toBeFocused();
    expect(await feedLink.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.getByRole("searchbox", { name: "Search the statements of Angela Merkel" }).focus();
    await page.keyboard.type("الأسد");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?q=.+#search$/);
    const results = page.getByRole("region", { name: "Search results" });
    // Both of Merkel's statements name al-Assad; other speakers' statements that do are not hers.
    await expect(results.getByRole("status")).toHaveText("2 statements found for “الأسد”");
    await expect(results.locator("article")).toHaveCount(2);
  });

  test("unknown speakers get a 404 page, and so do their feeds", async ({ page, request }) => {
    for (const url of [
      "/speakers/nobody-at-all",
      `/speakers/${encodeURIComponent("لا-أحد")}`,
      "/speakers/ANGELA-MERKEL",
    ]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
    expect((await request.get("/speakers/nobody-at-all/feed.xml")).status()).toBe(404);
  });

  test("the hostile speaker's page renders their name and words inert", async ({ page, request }) => {
    const slug = await hostileSlug(request);
    await page.goto(`/speakers/${encodeURIComponent(slug)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E <i>Hostile</i> Speaker");
    await expect(page.getByText("<script>window.__pwned = 1</script>", { exact: false }).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The page's one script is its schema.org description (JSON, its text escaped).
    for (const tag of ["img", "i", "b", 'script:not([type="application/ld+json"])'])
      expect(await page.locator(`main ${tag}`).count()).toBe(0);
    await expect(page.locator("blockquote bdi").first()).toContainText("\u202Egnirts desrever\u202C");
    await expect(page.locator('svg[role="img"]')).toHaveAttribute(
      "aria-label",
      /E2E <i>Hostile<\/i> Speaker per month, from January 2020 to January 2020/,
    );
    await expectNoAxeViolations(page);

    await page.goto(`/speakers/${encodeURIComponent(slug)}?q=${encodeURIComponent("<script>")}`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main script:not([type="application/ld+json"])').count()).toBe(0);
  });
});

test.describe("searching a speaker's statements without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a GET form on the same page finds only this speaker's statements, highlighted", async ({ page }) => {
    await page.goto("/speakers/angela-merkel");
    await page.getByRole("searchbox", { name: "Search the statements of Angela Merkel" }).fill("جرائم");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/speakers\/angela-merkel\?q=[^&]+#search$/);
    const results = page.getByRole("region", { name: "Search results" });
    await expect(results.getByRole("status")).toHaveText("1 statement found for “جرائم”");
    await expect(results.locator("article")).toHaveCount(1);
    await expect(results.locator("mark").first()).toHaveText("جرائم");
    await expect(page.getByRole("searchbox", { name: "Search the statements of Angela Merkel" })).toHaveValue("جرائم");
    // The rest of the page is still there.
    await expect(page.getByRole("region", { name: "Latest statements" }).locator("article")).toHaveCount(2);
  });

  test("in Arabic, with nothing found, and with a bad parameter", async ({ page, context, baseURL }) => {
    await useLocale(context, baseURL!, "ar");
    await page.goto(`/speakers/angela-merkel?q=${encodeURIComponent("جرائم")}`);
    await expect(page.getByRole("region", { name: "نتائج البحث" }).getByRole("status")).toHaveText(
      "نتائج البحث عن «جرائم»: تصريح واحد",
    );
    await page.goto("/speakers/angela-merkel?q=zzzzqqqq");
    await expect(page.getByRole("region", { name: "نتائج البحث" }).getByRole("status")).toHaveText(
      "نتائج البحث عن «zzzzqqqq»: لا تصريحات",
    );
    const response = await page.goto("/speakers/angela-merkel?q=x&page=0");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("page:");
  });
});

test.describe("the Atom feed", () => {
  test("is valid Atom with Merkel's two statements, each with id, title, date, link, text content and language", async ({
    page,
    request,
  }) => {
    const response = await request.get("/speakers/angela-merkel/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const statements = await (await request.get("/api/v1/search?speaker=angela-merkel")).json();
    const texts = new Set((statements.hits as Array<{ text: string }>).map((h) => h.text));
    const feed = await parseFeed(page, await response.text());
    expect(feed.error).toBeNull();
    expect(feed.root).toBe("feed");
    expect(feed.namespace).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toMatch(/^https?:\/\/[^/]+\/speakers\/angela-merkel$/);
    expect(feed.self).toMatch(/^https?:\/\/[^/]+\/speakers\/angela-merkel\/feed\.xml$/);
    expect(feed.title).toBe("Statements by Angela Merkel");
    expect(feed.author).toBe("Angela Merkel");
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(feed.entries).toHaveLength(2);
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/^https?:\/\/[^/]+\/statements\/\d+$/);
      expect(entry.link).toBe(entry.id);
      expect(entry.title).toMatch(/^Angela Merkel, November 2016: /);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(entry.contentType).toBe("text");
      expect(entry.lang).toBe("ar");
      expect(texts.has(entry.content)).toBe(true);
    }
    expect(new Set(feed.entries.map((e) => e.content)).size).toBe(2);
    // Each entry's link opens the statement.
    await page.goto(new URL(feed.entries[0]!.link!).pathname);
    await expect(page.locator("blockquote").first()).toHaveText(new RegExp(feed.entries[0]!.content.slice(0, 20)));
  });

  test("keeps the hostile speaker's markup as text", async ({ page, request }) => {
    const slug = await hostileSlug(request);
    const response = await request.get(`/speakers/${encodeURIComponent(slug)}/feed.xml`);
    expect(response.status()).toBe(200);
    const feed = await parseFeed(page, await response.text());
    expect(feed.error).toBeNull();
    expect(feed.author).toBe("E2E <i>Hostile</i> Speaker");
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]!.content).toContain(
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
    );
    expect(feed.entries[0]!.content).toContain("\u202Egnirts desrever\u202C");
    expect(feed.entries[0]!.lang).toBe("en");
    // Only Atom elements: nothing from the text became markup.
    for (const element of feed.elements) expect(element).toMatch(/^http:\/\/www\.w3\.org\/2005\/Atom\|/);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

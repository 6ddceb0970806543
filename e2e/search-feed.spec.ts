import { expect, test } from "@playwright/test";
import { parseAtom } from "../tests/support/atom";
import { useLocale } from "./support/a11y";

// Following a search (issue 15): the search page names its Atom feed in <link rel=alternate> and
// offers a visible "Follow this search"; the feed holds exactly what the search finds, newest
// first. On the demo data (Arabic) and the hostile fixture (English).

type Hits = { hits: Array<{ id: number }>; total: number };

test("the search page links its feed, which holds exactly the statements the search finds", async ({
  page,
  request,
}) => {
  await page.goto(`/search?q=${encodeURIComponent("ألمانيا")}&lang=ar&page=1`);
  const expectedHref = `/search/feed.xml?q=${encodeURIComponent("ألمانيا")}&lang=ar`;
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    new RegExp(`${expectedHref.replace(/[?.]/g, "\\$&")}$`),
  );
  const follow = page.getByRole("link", { name: "Follow this search" });
  await expect(follow).toHaveAttribute("href", expectedHref);

  const response = await request.get((await follow.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const feed = parseAtom(await response.text());
  const search = (await (
    await request.get(`/api/v1/search?q=${encodeURIComponent("ألمانيا")}&lang=ar&sort=newest&limit=100`)
  ).json()) as Hits;
  expect(search.total).toBeGreaterThan(0);
  expect(feed.entries.map((e) => Number(/\/statements\/(\d+)$/.exec(e.id)?.[1]))).toEqual(search.hits.map((h) => h.id));
  for (const entry of feed.entries) expect(entry.lang).toBe("ar");
});

test("a filtered search without words is followed too; in Arabic the link is translated", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  await page.goto("/search?speaker=angela-merkel");
  const follow = page.getByRole("link", { name: "تابِع هذا البحث" });
  await expect(follow).toHaveAttribute("href", "/search/feed.xml?speaker=angela-merkel");
  const feed = parseAtom(await (await request.get("/search/feed.xml?speaker=angela-merkel")).text());
  expect(feed.entries).toHaveLength(2);
  for (const entry of feed.entries) expect(entry.authors[0]?.name).toBe("Angela Merkel");
});

test("a search the page refuses has no feed", async ({ page, request }) => {
  await page.goto("/search?lang=xx");
  await expect(page.getByRole("link", { name: "Follow this search" })).toHaveCount(0);
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveCount(0);
  const refused = await request.get("/search/feed.xml?lang=xx");
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("lang: ");
});

import fs from "node:fs";
import { expect, test, type APIResponse } from "@playwright/test";
import { neutralizeFormula, parseCsv, STATEMENT_CSV_COLUMNS } from "../lib/export/csv";
import { parseImportLine } from "../lib/validation/import-line";
import { parseAtom, RFC3339_UTC } from "../tests/support/atom";
import { answerBody, openApiChecker, type OpenApiChecker } from "../tests/support/openapi-check";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// The Atom feeds (all statements, per topic; the speaker's feed is in
// speakers.spec.ts) linked from their pages, and the search page's downloads,
// on the demo data (18 Arabic statements) plus the hostile fixture (English).
// Their answers are checked against the OpenAPI document the app serves.

let checker: OpenApiChecker;

test.beforeAll(async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  checker = openApiChecker(await response.json());
});

/** Checks an answer against the document (status documented, media type or body schema, promised headers); returns the response. */
async function documented(response: APIResponse): Promise<APIResponse> {
  const url = new URL(response.url());
  const body = answerBody(await response.text(), response.headers()["content-type"]);
  const problems = checker.check({ path: url.pathname, status: response.status(), headers: response.headers(), body });
  expect(problems, `GET ${url.pathname}${url.search} ${response.status()}`).toEqual([]);
  return response;
}

const TOTAL = 19;
const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Hostile \u202Egnirts desrever\u202C words & <b>bold</b>`;

test.describe("feeds", () => {
  test("the home page and a topic page name their feeds in <link rel=alternate>", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/feed\.xml$/,
    );
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "title",
      "Latest statements — Statements tracker",
    );
    await page.goto("/topics/aleppo");
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/topics\/aleppo\/feed\.xml$/,
    );
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "title",
      "Statements on Aleppo",
    );
    await page.goto("/speakers/angela-merkel");
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/speakers\/angela-merkel\/feed\.xml$/,
    );
  });

  test("/feed.xml is valid Atom: every published statement with its id, dates, speaker as author, language and text", async ({
    request,
  }) => {
    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    await documented(response);
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = parseAtom(await response.text());
    expect(feed.id).toMatch(/^https?:\/\/[^/]+\/$/);
    expect(feed.self).toMatch(/^https?:\/\/[^/]+\/feed\.xml$/);
    expect(feed.updated).toMatch(RFC3339_UTC);
    expect(feed.entries).toHaveLength(TOTAL);
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(TOTAL);
    const search = (await (await request.get("/api/v1/search?limit=100")).json()) as {
      hits: Array<{ id: number; text: string; language: string; speaker: { name: string } }>;
    };
    const byId = new Map(search.hits.map((h) => [h.id, h]));
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/^https?:\/\/[^/]+\/statements\/\d+$/);
      expect(entry.link).toBe(entry.id);
      expect(entry.updated).toMatch(RFC3339_UTC);
      expect(entry.published).toMatch(RFC3339_UTC);
      const hit = byId.get(Number(entry.id.split("/").at(-1)))!;
      expect(entry.content).toBe(hit.text);
      expect(entry.lang).toBe(hit.language);
      expect(entry.authors.map((a) => a.name)).toEqual([hit.speaker.name]);
      expect(entry.authors[0]!.uri).toMatch(/^https?:\/\/[^/]+\/speakers\/[^/]+$/);
    }
    const hostile = feed.entries.find((e) => e.content === HOSTILE)!;
    expect(hostile.lang).toBe("en");
    expect(hostile.authors[0]!.name).toBe("E2E <i>Hostile</i> Speaker");
    expect(
      [...feed.elements].filter(
        (name) =>
          ![
            "feed",
            "id",
            "title",
            "subtitle",
            "updated",
            "link",
            "author",
            "name",
            "uri",
            "generator",
            "entry",
            "published",
            "category",
            "content",
          ].includes(name),
      ),
    ).toEqual([]);
  });

  test("a topic's feed holds its statements; a reader in Arabic gets Arabic titles, the statements keep their language", async ({
    request,
    page,
    context,
    baseURL,
  }) => {
    const feed = parseAtom(await (await documented(await request.get("/topics/aleppo/feed.xml"))).text());
    expect(feed.title).toBe("Statements on Aleppo");
    expect(feed.entries).toHaveLength(11);
    for (const entry of feed.entries) expect(entry.categories).toContain("aleppo");
    const missing = await request.get("/topics/no-such-topic/feed.xml");
    expect(missing.status()).toBe(404);
    await documented(missing);

    await useLocale(context, baseURL!, "ar");
    const arabic = parseAtom(await (await page.request.get("/topics/aleppo/feed.xml")).text());
    expect(arabic.lang).toBe("ar");
    expect(arabic.title).toBe("تصريحات حول حلب");
    expect(arabic.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
    for (const entry of arabic.entries) expect(entry.lang).toBe("ar");
  });
});

test.describe("downloads of a search", () => {
  test("the results header links to CSV and JSON Lines of the same search; the CSV opens as UTF-8 with every result", async ({
    page,
  }) => {
    await page.goto(`/search?q=${encodeURIComponent("ميركل")}&lang=ar`);
    const total = Number(/^(\d+)/.exec((await page.getByRole("status").innerText()).trim())?.[1]);
    expect(total).toBeGreaterThan(0);
    const downloads = page.getByTestId("search-downloads");
    const csvLink = downloads.getByRole("link", { name: "CSV" });
    const href = await csvLink.getAttribute("href");
    expect(href).toBe(`/search/export?format=csv&q=${encodeURIComponent("ميركل")}&lang=ar`);
    await expect(downloads.getByRole("link", { name: "JSON Lines" })).toHaveAttribute(
      "href",
      `/search/export?format=jsonl&q=${encodeURIComponent("ميركل")}&lang=ar`,
    );
    await expectNoAxeViolations(page);
    await documented(await page.request.get(href!));

    const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^statements-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.toString("utf8"));
    expect(header).toEqual([...STATEMENT_CSV_COLUMNS]);
    expect(records).toHaveLength(total);
    const search = (await (
      await page.request.get(`/api/v1/search?q=${encodeURIComponent("ميركل")}&lang=ar&limit=100`)
    ).json()) as { hits: Array<{ id: number; text: string }> };
    expect(records.map((r) => Number(r[0]))).toEqual(search.hits.map((h) => h.id));
    expect(records.map((r) => r[header!.indexOf("text")])).toEqual(search.hits.map((h) => neutralizeFormula(h.text)));
  });

  test("JSON Lines of a search are import lines; hostile text stays data; no links when nothing is found", async ({
    page,
    request,
  }) => {
    const response = await request.get("/search/export?format=jsonl&q=Hostile");
    expect(response.status()).toBe(200);
    await documented(response);
    expect(response.headers()["content-disposition"]).toMatch(
      /^attachment; filename="statements-\d{4}-\d{2}-\d{2}\.jsonl"$/,
    );
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const parsed = parseImportLine(lines[0]!);
    expect(parsed.ok && parsed.value.text).toBe(HOSTILE);
    expect(parsed.ok && parsed.value.externalId).toBe("e2e-hostile-1");

    await page.goto("/search?q=zzzznothingmatches");
    await expect(page.getByTestId("search-downloads")).toHaveCount(0);
  });

  test("a bad parameter is a 400 naming it", async ({ request }) => {
    const response = await request.get("/search/export?format=pdf&from=yesterday");
    expect(response.status()).toBe(400);
    await documented(response);
    const body = (await response.json()) as { error: { fields: Array<{ field: string }> } };
    expect(body.error.fields.map((f) => f.field)).toEqual(["format", "from"]);
  });
});

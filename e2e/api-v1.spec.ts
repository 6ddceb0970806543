import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { openApiChecker, type OpenApiChecker } from "../tests/support/openapi-check";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// The public JSON API against the running app: real answers of every endpoint,
// errors included, checked against the OpenAPI document the app serves; cursor
// paging; ETag/304; CORS; the rate limit's 429; bad input never a 500; and the
// API page for people.
//
// Requests that must not count against the address the other tests share
// (127.0.0.1) carry an X-Forwarded-For of their own: the rate limit counts per
// client address (lib/auth/client-address.ts), and scripts/e2e.ts runs the app
// with TRUSTED_PROXIES=127.0.0.1, so the specs speak as a proxy would.

let checker: OpenApiChecker;
let document: { paths: Record<string, Record<string, { operationId: string; "x-example-request"?: string }>> };
let pool: pg.Pool;

test.beforeAll(async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  document = await response.json();
  checker = openApiChecker(document as never);
  pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
});

test.afterAll(async () => {
  await pool?.end();
});

/** The answer, after checking it against the document (status documented, body schema, promised headers). */
async function documented(response: APIResponse, method = "get") {
  const url = new URL(response.url());
  const text = await response.text();
  const body = text === "" ? null : JSON.parse(text);
  const problems = checker.check({
    path: url.pathname,
    method,
    status: response.status(),
    headers: response.headers(),
    body,
  });
  expect(problems, `${method.toUpperCase()} ${url.pathname}${url.search}`).toEqual([]);
  return body;
}

async function getDocumented(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const response = await request.get(path, { headers, maxRedirects: 0 });
  return { response, body: await documented(response) };
}

const ownAddress = (n: number) => ({ "X-Forwarded-For": `198.51.100.${n}` });

test("every operation's example request answers 200 as the document describes", async ({ request }) => {
  let checked = 0;
  for (const [path, item] of Object.entries(document.paths)) {
    const sample = item.get?.["x-example-request"];
    if (!sample) continue;
    const { response } = await getDocumented(request, sample);
    expect(response.status(), sample).toBe(200);
    expect(response.headers()["etag"], sample).toMatch(/^W\/"/);
    expect(response.headers()["access-control-allow-origin"], sample).toBe("*");
    expect(Number(response.headers()["x-ratelimit-limit"]), sample).toBeGreaterThan(0);
    expect(path.startsWith("/api/v1/")).toBe(true);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(9);
});

test("every endpoint's real answers match the document: lists, items, search, dates", async ({ request }) => {
  const paths = [
    "/api/v1/statements",
    "/api/v1/statements?sort=oldest&limit=200&status=published,retracted",
    "/api/v1/statements?sort=id&lang=en",
    "/api/v1/statements?from=2020&to=2020-01-02&kind=direct",
    "/api/v1/statements?topic=refugees&speaker=angela-merkel",
    `/api/v1/statements?q=${encodeURIComponent("الأسد")}&year=2016`,
    "/api/v1/speakers",
    "/api/v1/speakers?kind=organization,group&limit=200",
    `/api/v1/speakers?q=${encodeURIComponent("ميرك")}`,
    "/api/v1/speakers/msf",
    "/api/v1/topics",
    "/api/v1/topics/aleppo",
    "/api/v1/dates",
    "/api/v1/dates?year=2020",
    "/api/v1/search?speaker=msf&limit=2",
    `/api/v1/search?q=${encodeURIComponent("مستشفي")}&sort=newest`,
  ];
  for (const path of paths) {
    const { response } = await getDocumented(request, path);
    expect(response.status(), path).toBe(200);
  }
  // Every public statement, one by one, including the hostile fixture's.
  const { body } = await getDocumented(request, "/api/v1/statements?limit=200");
  for (const item of body.data as Array<{ id: number }>) {
    const { response, body: one } = await getDocumented(request, `/api/v1/statements/${item.id}`);
    expect(response.status()).toBe(200);
    expect(one.id).toBe(item.id);
  }
  const hostile = (body.data as Array<{ externalId: string | null; text: string }>).find(
    (s) => s.externalId === "e2e-hostile-1",
  );
  expect(hostile?.text).toContain("<script>");
});

test("the dates: the hostile fixture's day and the demo's month", async ({ request }) => {
  const { body } = await getDocumented(request, "/api/v1/dates");
  const years = body.data as Array<{
    year: number;
    count: number;
    months: Array<{ month: number; count: number; days: Array<{ date: string; count: number }> }>;
  }>;
  expect(years.find((y) => y.year === 2016)).toMatchObject({ count: 18, months: [{ month: 11, count: 18, days: [] }] });
  expect(years.find((y) => y.year === 2020)?.months[0]?.days).toEqual([{ day: 2, date: "2020-01-02", count: 1 }]);
});

test("cursor paging walks the whole collection once, in order, as the database holds it", async ({ request }) => {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM statements WHERE status <> 'draft' ORDER BY said_on DESC NULLS LAST, id DESC`,
  );
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path: string = `/api/v1/statements?limit=4${cursor ? `&cursor=${cursor}` : ""}`;
    const { body } = await getDocumented(request, path, ownAddress(20));
    seen.push(...(body.data as Array<{ id: number }>).map((s) => s.id));
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  expect(seen).toEqual(rows.map((r) => r.id));
  expect(pages).toBe(Math.ceil(rows.length / 4));

  const speakers: string[] = [];
  cursor = null;
  do {
    const path: string = `/api/v1/speakers?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
    const { body } = await getDocumented(request, path, ownAddress(20));
    speakers.push(...(body.data as Array<{ slug: string }>).map((s) => s.slug));
    cursor = body.nextCursor;
  } while (cursor);
  const { rows: slugs } = await pool.query<{ slug: string }>(`SELECT slug FROM speakers ORDER BY slug`);
  expect(speakers).toEqual(slugs.map((r) => r.slug));
});

test("bad input is a 400 naming the parameter, in the documented shape", async ({ request }) => {
  const first = await getDocumented(request, "/api/v1/statements?limit=2&speaker=msf", ownAddress(21));
  const cursor = first.body.nextCursor as string;
  const tampered = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(cursor, "base64url").toString()), i: -5 }),
  ).toString("base64url");
  const cases: Array<[string, string]> = [
    ["/api/v1/statements?speakr=msf", "speakr"],
    ["/api/v1/statements?page=2", "page"],
    ["/api/v1/statements?limit=0", "limit"],
    ["/api/v1/statements?limit=201", "limit"],
    ["/api/v1/statements?limit=abc", "limit"],
    ["/api/v1/statements?sort=relevance", "sort"],
    ["/api/v1/statements?status=draft", "status"],
    ["/api/v1/statements?from=yesterday", "from"],
    ["/api/v1/statements?lang=klingon", "lang"],
    ["/api/v1/statements?cursor=not-a-cursor", "cursor"],
    ["/api/v1/statements?cursor=%F0%9F%92%A9", "cursor"],
    [`/api/v1/statements?speaker=msf&cursor=${tampered}`, "cursor"],
    [`/api/v1/statements?speaker=angela-merkel&cursor=${cursor}`, "cursor"],
    [`/api/v1/statements?speaker=msf&sort=id&cursor=${cursor}`, "cursor"],
    [`/api/v1/statements?cursor=${"A".repeat(2000)}`, "cursor"],
    ["/api/v1/speakers?kind=country", "kind"],
    ["/api/v1/speakers?name=merkel", "name"],
    [`/api/v1/speakers?cursor=${cursor}`, "cursor"],
    ["/api/v1/topics?limit=1001", "limit"],
    ["/api/v1/topics?parent=aleppo", "parent"],
    ["/api/v1/dates?year=16", "year"],
    ["/api/v1/dates?month=11", "month"],
    ["/api/v1/search?limit=1000", "limit"],
    ["/api/v1/statements/abc", "id"],
  ];
  for (const [path, field] of cases) {
    const { response, body } = await getDocumented(request, path, ownAddress(21));
    expect(response.status(), path).toBe(400);
    expect(body.error.code, path).toBe("invalid_parameter");
    expect(
      body.error.fields.map((f: { field: string }) => f.field),
      path,
    ).toContain(field);
    expect(body.error.message, path).toContain(field);
    expect(response.headers()["access-control-allow-origin"], path).toBe("*");
  }
});

test("random query strings to the lists are answered 200 or 400, never a 500", async ({ request }) => {
  const known = ["q", "speaker", "topic", "lang", "kind", "year", "from", "to", "status", "sort", "cursor", "limit"];
  const queries = fc.sample(
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 8 })),
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.string({ unit: "grapheme", maxLength: 12 }),
          fc.integer({ min: -5, max: 100_000 }).map(String),
          fc.base64String({ maxLength: 40 }),
        ),
      ),
      { maxLength: 5 },
    ),
    { numRuns: 40, seed: 20261125 },
  );
  for (const [i, pairs] of queries.entries()) {
    const query = new URLSearchParams(pairs).toString();
    for (const list of ["statements", "speakers", "topics", "dates"]) {
      const path = `/api/v1/${list}?${query}`;
      const response = await request.get(path, { headers: ownAddress(22) });
      expect([200, 400], `${i}: ${path}`).toContain(response.status());
      await documented(response);
    }
  }
});

test("not found: 404 in the documented shape; a merged slug: 308 to the survivor", async ({ request }) => {
  for (const path of ["/api/v1/statements/999999", "/api/v1/speakers/nobody-at-all", "/api/v1/topics/no-such-topic"]) {
    const { response, body } = await getDocumented(request, path, ownAddress(23));
    expect(response.status(), path).toBe(404);
    expect(body.error.code).toBe("not_found");
  }
  const old = `e2e-merged-${Date.now().toString(36)}`;
  await pool.query(
    `INSERT INTO slug_redirects (entity_type, old_slug, target_id) SELECT 'speaker', $1, id FROM speakers WHERE slug = 'msf'`,
    [old],
  );
  try {
    const { response } = await getDocumented(request, `/api/v1/speakers/${old}`, ownAddress(23));
    expect(response.status()).toBe(308);
    expect(response.headers()["location"]).toBe("/api/v1/speakers/msf");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
  } finally {
    await pool.query(`DELETE FROM slug_redirects WHERE old_slug = $1`, [old]);
  }
});

test("ETag: If-None-Match answers 304 without a body on every endpoint", async ({ request }) => {
  for (const path of [
    "/api/v1/statements?limit=3",
    "/api/v1/statements/1",
    "/api/v1/speakers",
    "/api/v1/speakers/msf",
    "/api/v1/topics",
    "/api/v1/topics/aleppo",
    "/api/v1/dates",
    "/api/v1/search?q=MSF",
    "/api/v1/openapi.json",
  ]) {
    const first = await request.get(path, { headers: ownAddress(24) });
    expect(first.status(), path).toBe(200);
    const etag = first.headers()["etag"]!;
    expect(first.headers()["cache-control"], path).toMatch(/^public, max-age=\d+$/);
    const second = await request.get(path, { headers: { ...ownAddress(24), "If-None-Match": etag } });
    expect(second.status(), path).toBe(304);
    expect(second.headers()["etag"], path).toBe(etag);
    expect(await second.body(), path).toHaveLength(0);
    await documented(second);
    const stale = await request.get(path, { headers: { ...ownAddress(24), "If-None-Match": 'W/"stale"' } });
    expect(stale.status(), path).toBe(200);
  }
});

test("CORS: any origin may read; the preflight allows GET", async ({ request }) => {
  const response = await request.get("/api/v1/topics", {
    headers: { ...ownAddress(25), Origin: "https://notebook.example" },
  });
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(response.headers()["access-control-expose-headers"]).toMatch(/ETag/);
  for (const path of [
    "/api/v1/statements",
    "/api/v1/statements/1",
    "/api/v1/speakers",
    "/api/v1/speakers/msf",
    "/api/v1/topics",
    "/api/v1/topics/aleppo",
    "/api/v1/dates",
    "/api/v1/search",
    "/api/v1/openapi.json",
  ]) {
    const preflight = await request.fetch(path, {
      method: "OPTIONS",
      headers: {
        Origin: "https://notebook.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
      },
    });
    expect(preflight.status(), path).toBe(204);
    expect(preflight.headers()["access-control-allow-origin"], path).toBe("*");
    expect(preflight.headers()["access-control-allow-methods"], path).toContain("GET");
    expect(preflight.headers()["access-control-allow-headers"]?.toLowerCase(), path).toContain("if-none-match");
  }
});

test("the rate limit: X-RateLimit headers count down; over the limit, 429 with Retry-After, in the documented shape", async ({
  request,
}) => {
  const address = { "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 200) + 20}` };
  const first = await request.get("/api/v1/topics", { headers: address });
  const limit = Number(first.headers()["x-ratelimit-limit"]);
  const remaining = Number(first.headers()["x-ratelimit-remaining"]);
  expect(limit).toBeGreaterThan(0);
  expect(remaining).toBe(limit - 1);
  const second = await request.get("/api/v1/topics", { headers: address });
  expect(Number(second.headers()["x-ratelimit-remaining"])).toBe(limit - 2);
  // Use up this address's minute straight in the table the app counts in (this one and the next, in case the minute turns).
  await pool.query(
    `INSERT INTO rate_limits (key, window_start, count)
     SELECT $1, w, $2 FROM unnest(ARRAY[date_trunc('minute', now()), date_trunc('minute', now()) + interval '1 minute']) AS w
     ON CONFLICT (key, window_start) DO UPDATE SET count = EXCLUDED.count`,
    [`api:${address["X-Forwarded-For"]}`, limit],
  );
  // The app counts in memory and learns the shared count at its next reconciliation (about once a second).
  await expect
    .poll(async () => (await request.get("/api/v1/topics", { headers: address })).status(), { timeout: 10_000 })
    .toBe(429);
  for (const path of [
    "/api/v1/statements",
    "/api/v1/statements/1",
    "/api/v1/search?q=x",
    "/api/v1/speakers/msf",
    "/api/v1/dates",
  ]) {
    const { response, body } = await getDocumented(request, path, address);
    expect(response.status(), path).toBe(429);
    expect(body.error.code).toBe("rate_limited");
    const retryAfter = Number(response.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.headers()["x-ratelimit-remaining"]).toBe("0");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
  }
  // Other addresses go on as before.
  expect((await request.get("/api/v1/topics", { headers: ownAddress(26) })).status()).toBe(200);
  await pool.query(`DELETE FROM rate_limits WHERE key = $1`, [`api:${address["X-Forwarded-For"]}`]);
});

test("the API page shows every endpoint of the document, its parameters and examples, linked from the footer, accessibly", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "JSON API for developers" }).click();
  await expect(page).toHaveURL(/\/developers$/);
  await expect(page.getByRole("heading", { level: 1, name: "JSON API for developers" })).toBeVisible();
  const main = page.getByRole("main");
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      await expect(
        main.getByRole("heading", {
          level: 3,
          name: new RegExp(`^${method.toUpperCase()} ${path.replace(/[{}.]/g, "\\$&")} `),
        }),
        operation.operationId,
      ).toBeVisible();
      if (operation["x-example-request"])
        await expect(main.getByRole("link", { name: operation["x-example-request"], exact: true })).toBeVisible();
    }
  }
  await expect(main.getByRole("row", { name: /cursor/ }).first()).toBeVisible();
  await expect(main.getByText('"nextCursor": null').first()).toBeVisible();
  await expect(main.getByRole("link", { name: "The OpenAPI 3.1 document (JSON)" })).toHaveAttribute(
    "href",
    "/api/v1/openapi.json",
  );
  // A link of the page's is a real request that works.
  const tryIt = await main
    .getByRole("link", { name: "/api/v1/speakers/angela-merkel", exact: true })
    .getAttribute("href");
  expect((await request.get(tryIt!, { headers: ownAddress(27) })).status()).toBe(200);
  await expectNoAxeViolations(page);
});

test("the API page in Arabic: the page's own words in Arabic, the document's in English marked as such", async ({
  page,
  context,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  await page.goto("/developers");
  await expect(page.getByRole("heading", { level: 1, name: "واجهة JSON للمطوّرين" })).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "واجهة JSON للمطوّرين" })).toHaveAttribute(
    "href",
    "/developers",
  );
  await expect(page.locator('main [lang="en"][dir="ltr"]')).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test("API requests take the lean path: no page Content-Security-Policy, and a malformed %-escape is still a 400", async ({
  request,
}) => {
  const search = await request.get("/api/v1/search?q=peace", { headers: ownAddress(27) });
  expect(search.status()).toBe(200);
  expect(search.headers()["content-security-policy"]).toBeUndefined();
  const malformed = await request.get("/api/v1/speakers/%E0%A4%A", { headers: ownAddress(27) });
  expect(malformed.status()).toBe(400);
  // Pages still get theirs.
  expect((await request.get("/")).headers()["content-security-policy"]).toContain("script-src");
});

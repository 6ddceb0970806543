import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimiter, deleteOldWindows, type RateLimiter } from "@/lib/api/rate-limit";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { useTestEnvironment } from "../support/integration";

// The list endpoints of /api/v1 through their route handlers, on a real
// Postgres: keyset paging in every order over dated, undated, retracted and
// draft statements; the filters; speakers, topics and dates; ETag/304; the rate
// limit in the real table, shared by two "instances"; and what happens while
// Postgres is down.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const extra: Record<string, number> = {};

type Routes = {
  statements: typeof import("@/app/api/v1/statements/route");
  speakers: typeof import("@/app/api/v1/speakers/route");
  topics: typeof import("@/app/api/v1/topics/route");
  dates: typeof import("@/app/api/v1/dates/route");
  search: typeof import("@/app/api/v1/search/route");
};
let routes: Routes;

beforeAll(async () => {
  env = await useTestEnvironment("api_lists");
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
  await seedDemoData(env.pool);
  // Beside the 18 demo statements (all dated 2016-11, month precision): some
  // known to the day, to the year, undated, retracted, and drafts.
  const insert = async (
    name: string,
    saidOn: string | null,
    precision: string | null,
    status = "published",
    language = "en",
  ) => {
    const { rows } = await env.pool.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status, retraction_reason)
       SELECT $1, $5, 'direct', id, $2::date, $3, $4, CASE WHEN $4 = 'retracted' THEN 'wrong speaker' END FROM speakers WHERE slug = 'msf'
       RETURNING id`,
      [`Test statement ${name}`, saidOn, precision, status, language],
    );
    extra[name] = rows[0]!.id;
  };
  await insert("day-2016-11-17", "2016-11-17", "day");
  await insert("day-2016-11-17-b", "2016-11-17", "day");
  await insert("day-2015-03-02", "2015-03-02", "day", "published", "de");
  await insert("year-2016", "2016-01-01", "year");
  await insert("undated-1", null, null);
  await insert("undated-2", null, null);
  await insert("retracted-2014", "2014-05-01", "month", "retracted");
  await insert("draft-2016", "2016-11-17", "day", "draft");
  await insert("draft-undated", null, null, "draft");
  await env.pool.query(
    `INSERT INTO statement_topics (statement_id, topic_id) SELECT $1, id FROM topics WHERE slug = 'refugees'`,
    [extra["day-2015-03-02"]],
  );
  await env.pool.query(
    `UPDATE topics SET parent_id = (SELECT id FROM topics WHERE slug = 'international-response') WHERE slug = 'refugees'`,
  );
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx);
  routes = {
    statements: await import("@/app/api/v1/statements/route"),
    speakers: await import("@/app/api/v1/speakers/route"),
    topics: await import("@/app/api/v1/topics/route"),
    dates: await import("@/app/api/v1/dates/route"),
    search: await import("@/app/api/v1/search/route"),
  };
});
afterAll(async () => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  await env?.close();
});

type Route = { GET: (request: Request, context: never) => Promise<Response> };

async function get(route: Route, path: string, headers: Record<string, string> = {}) {
  const response = await route.GET(new Request(`http://localhost${path}`, { headers }), {
    params: Promise.resolve({}),
  } as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

type Item = {
  id: number;
  status: string;
  saidOn: { start: string } | null;
  text: string;
  speaker: { slug: string };
  language: string;
};

/** Every item of a list, following nextCursor; also the number of pages. */
async function walk(query: string, limit: number) {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path: string = `/api/v1/statements?${query}${query ? "&" : ""}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const { status, body } = await get(routes.statements, path);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data.length).toBeLessThanOrEqual(limit);
    items.push(...body.data);
    cursor = body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { items, pages };
}

async function expectedOrder(order: string): Promise<number[]> {
  const { rows } = await env.pool.query<{ id: number }>(
    `SELECT id FROM statements WHERE status <> 'draft' ORDER BY ${order}`,
  );
  return rows.map((r) => r.id);
}

describe("GET /api/v1/statements", () => {
  it("pages through every public statement once, in a stable order, for every sort and page size", async () => {
    const orders = {
      newest: "said_on DESC NULLS LAST, id DESC",
      oldest: "said_on ASC NULLS LAST, id ASC",
      id: "id",
    };
    for (const [sort, order] of Object.entries(orders)) {
      const expected = await expectedOrder(order);
      expect(expected).toHaveLength(25);
      for (const limit of [1, 2, 3, 7, 24, 25, 200]) {
        const { items, pages } = await walk(`sort=${sort}`, limit);
        expect(
          items.map((i) => i.id),
          `${sort} ${limit}`,
        ).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      }
    }
  });

  it("never lists a draft; lists a retracted statement with its status and reason", async () => {
    const { items } = await walk("", 200);
    expect(items.some((i) => i.id === extra["draft-2016"] || i.id === extra["draft-undated"])).toBe(false);
    const retracted = items.find((i) => i.id === extra["retracted-2014"]);
    expect(retracted).toMatchObject({ status: "retracted", retractionReason: "wrong speaker" });
    expect((await walk("status=retracted", 10)).items.map((i) => i.id)).toEqual([extra["retracted-2014"]]);
    expect((await walk("status=published", 200)).items).toHaveLength(24);
  });

  it("gives items the fields and shapes of /api/v1/statements/{id}, without the links and reviews", async () => {
    const { items } = await walk("speaker=angela-merkel", 10);
    expect(items).toHaveLength(2);
    const one = await import("@/app/api/v1/statements/[id]/route");
    const single = await one.GET(new Request(`http://localhost/api/v1/statements/${items[0]!.id}`), {
      params: Promise.resolve({ id: String(items[0]!.id) }),
    });
    const full = await single.json();
    const { translationOf, translations, respondsTo, responses, reviews, ...rest } = full;
    expect([translationOf, translations, respondsTo, responses, reviews]).toBeDefined();
    expect(reviews).toEqual([]);
    expect(items[0]).toEqual(rest);
  });

  it("filters as search does: speaker, topic, language, kind, year, date range, words", async () => {
    const ids = async (query: string) => (await walk(query, 200)).items.map((i) => i.id).sort((a, b) => a - b);
    expect((await walk("speaker=msf", 3)).items.every((i) => i.speaker.slug === "msf")).toBe(true);
    expect(await ids("topic=refugees")).toHaveLength(2);
    expect(await ids("lang=de")).toEqual([extra["day-2015-03-02"]]);
    expect(await ids("lang=en&kind=direct")).toHaveLength(6);
    expect(await ids("lang=en,de&kind=direct&speaker=msf")).toHaveLength(7);
    expect(await ids("year=2015")).toEqual([extra["day-2015-03-02"]]);
    // A range inside November 2016 holds the day-precision statements on the 17th, the
    // month-precision ones of November and the one known only to 2016.
    expect(await ids("from=2016-11-17&to=2016-11-17")).toHaveLength(2 + 18 + 1);
    expect(await ids("from=2016-11-18&to=2016-11-20")).toHaveLength(18 + 1);
    // Known only to 2016: its year overlaps December.
    expect(await ids("from=2016-12")).toEqual([extra["year-2016"]]);
    expect(await ids("to=2015")).toEqual([extra["day-2015-03-02"], extra["retracted-2014"]].sort((a, b) => a! - b!));
    expect(await ids("q=test%20STATEMENT%20undated")).toEqual(
      [extra["undated-1"], extra["undated-2"]].sort((a, b) => a! - b!),
    );
    expect(await ids(`q=${encodeURIComponent("الأسد")}`)).not.toHaveLength(0);
    expect(await ids("speaker=nobody")).toEqual([]);
  });

  it("keeps its place when a statement is added before the cursor", async () => {
    const first = await get(routes.statements, "/api/v1/statements?sort=id&limit=5");
    const seen = first.body.data.map((i: Item) => i.id);
    const { rows } = await env.pool.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, status) SELECT 'Inserted meanwhile', 'en', 'direct', id, 'published' FROM speakers WHERE slug = 'msf' RETURNING id`,
    );
    const next = await get(routes.statements, `/api/v1/statements?sort=id&limit=5&cursor=${first.body.nextCursor}`);
    expect(next.body.data.map((i: Item) => i.id)[0]).toBeGreaterThan(Math.max(...seen));
    await env.pool.query(`DELETE FROM statements WHERE id = $1`, [rows[0]!.id]);
  });

  it("answers 400 naming the parameter for a bad one, and for a cursor of another query", async () => {
    const bad = await get(routes.statements, "/api/v1/statements?limit=500&foo=1");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["foo", "limit"]);
    const page = await get(routes.statements, "/api/v1/statements?speaker=msf&limit=1");
    const other = await get(
      routes.statements,
      `/api/v1/statements?speaker=angela-merkel&limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0].field).toBe("cursor");
  });

  it("answers 304 for an unchanged page, and 200 once it changed", async () => {
    const first = await get(routes.statements, "/api/v1/statements?limit=3");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\//);
    expect((await get(routes.statements, "/api/v1/statements?limit=3", { "If-None-Match": etag })).status).toBe(304);
    await env.pool.query(`UPDATE statements SET text = text || ' (edited)', updated_at = now() WHERE id = $1`, [
      first.body.data[0].id,
    ]);
    expect((await get(routes.statements, "/api/v1/statements?limit=3", { "If-None-Match": etag })).status).toBe(200);
  });
});

describe("GET /api/v1/speakers, /topics and /dates", () => {
  it("speakers: by the beginning of any name or word, in any script, by kind, a page at a time", async () => {
    for (const q of ["merk", "Merk", "ميرك", "angela", "انجيلا"]) {
      const { body } = await get(routes.speakers, `/api/v1/speakers?q=${encodeURIComponent(q)}`);
      expect(
        body.data.map((s: { slug: string }) => s.slug),
        q,
      ).toEqual(["angela-merkel"]);
    }
    expect((await get(routes.speakers, "/api/v1/speakers?q=erkel")).body.data).toEqual([]);
    expect((await get(routes.speakers, "/api/v1/speakers?q=%25")).body.data).toEqual([]);
    const people = (await get(routes.speakers, "/api/v1/speakers?kind=person&limit=200")).body.data;
    expect(people.every((s: { kind: string }) => s.kind === "person")).toBe(true);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ slug: string }>; nextCursor: string | null } } = await get(
        routes.speakers,
        `/api/v1/speakers?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      all.push(...page.body.data.map((s) => s.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    const { rows } = await env.pool.query<{ slug: string }>(`SELECT slug FROM speakers ORDER BY slug`);
    expect(all).toEqual(rows.map((r) => r.slug));
    const msf = (await get(routes.speakers, "/api/v1/speakers?q=msf")).body.data[0];
    expect(msf.statementCount).toBe(3 + 6); // the demo's three and our six published ones
  });

  it("topics: all of them with parent and count of published statements", async () => {
    const { body } = await get(routes.topics, "/api/v1/topics");
    expect(body.nextCursor).toBeNull();
    const refugees = body.data.find((t: { slug: string }) => t.slug === "refugees");
    expect(refugees).toEqual({
      slug: "refugees",
      name: "Refugees",
      names: { ar: "اللاجئون", en: "Refugees", de: "Flüchtlinge" },
      parent: { slug: "international-response", name: "International response" },
      statementCount: 2,
    });
    const paged = await get(routes.topics, "/api/v1/topics?limit=2");
    expect(paged.body.data).toHaveLength(2);
    const rest = await get(routes.topics, `/api/v1/topics?limit=200&cursor=${paged.body.nextCursor}`);
    expect([...paged.body.data, ...rest.body.data]).toEqual(body.data);
  });

  it("dates: years → months → days with counts, narrowed to a year, and the undated", async () => {
    const { body } = await get(routes.dates, "/api/v1/dates");
    expect(body.undated).toBe(2);
    expect(body.data.map((y: { year: number }) => y.year)).toEqual([2015, 2016]); // the retracted 2014 statement is not counted
    const y2016 = body.data[1];
    expect(y2016).toMatchObject({ year: 2016, date: "2016", count: 18 + 2 + 1 });
    expect(y2016.months).toEqual([
      { month: 11, date: "2016-11", count: 20, days: [{ day: 17, date: "2016-11-17", count: 2 }] },
    ]);
    const narrowed = await get(routes.dates, "/api/v1/dates?year=2015");
    expect(narrowed.body.data).toEqual([
      {
        year: 2015,
        date: "2015",
        count: 1,
        months: [{ month: 3, date: "2015-03", count: 1, days: [{ day: 2, date: "2015-03-02", count: 1 }] }],
      },
    ]);
    expect((await get(routes.dates, "/api/v1/dates?year=1999")).body.data).toEqual([]);
    expect((await get(routes.dates, "/api/v1/dates?year=99")).status).toBe(400);
  });
});

describe("the rate limit in Postgres", () => {
  it("answers 429 with Retry-After past the limit, per address, on every endpoint", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    try {
      // The address our server (scripts/lib/app-server.ts) hands to the handlers.
      const from = (address: string) => ({ "X-Client-Address": address });
      const answers = [];
      for (const route of [routes.topics, routes.speakers, routes.dates, routes.statements])
        answers.push(await get(route, "/api/v1/topics", from("198.51.100.7")));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
      const refused = answers[3]!;
      expect(refused.body.error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(refused.headers.get("access-control-allow-origin")).toBe("*");
      // Another address is not affected.
      expect((await get(routes.topics, "/api/v1/topics", from("198.51.100.8"))).status).toBe(200);
      // Counted in memory, added to the shared counters about once a second (here: at once).
      await (globalThis as unknown as { __apiRateLimiter: RateLimiter }).__apiRateLimiter.sync();
      const { rows } = await env.pool.query(
        `SELECT key, count FROM rate_limits WHERE key LIKE 'api:198.51.100.%' ORDER BY key`,
      );
      expect(rows).toEqual([
        { key: "api:198.51.100.7", count: 4 },
        { key: "api:198.51.100.8", count: 1 },
      ]);
    } finally {
      process.env.API_RATE_LIMIT_PER_MINUTE = "0";
    }
  });

  it("holds across app instances: two limiters count into the same row and learn each other's counts", async () => {
    const a = createRateLimiter(
      () => env.pool,
      () => 5,
    );
    const b = createRateLimiter(
      () => env.pool,
      () => 5,
    );
    try {
      const first = Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).take("203.0.113.50"));
      // Each instance alone has seen three: all allowed until they reconcile.
      expect(first.filter((d) => d?.allowed)).toHaveLength(6);
      await a.sync();
      await b.sync();
      const { rows } = await env.pool.query(`SELECT count FROM rate_limits WHERE key = 'api:203.0.113.50'`);
      expect(rows).toEqual([{ count: 6 }]);
      // b reconciled last and knows the shared total: it refuses at once.
      expect(b.take("203.0.113.50")?.allowed).toBe(false);
      // a learns the total at its next reconciliation (within a second in the app), and refuses too.
      a.take("203.0.113.50");
      await a.sync();
      expect(a.take("203.0.113.50")?.allowed).toBe(false);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it("deletes windows that ended long ago", async () => {
    await env.pool.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ('api:old', now() - interval '1 hour', 9), ('api:recent', date_trunc('minute', now()), 1)`,
    );
    expect(await deleteOldWindows(env.pool)).toBeGreaterThanOrEqual(1);
    const { rows } = await env.pool.query(`SELECT key FROM rate_limits WHERE key IN ('api:old', 'api:recent')`);
    expect(rows).toEqual([{ key: "api:recent" }]);
  });
});

describe("while Postgres is down", () => {
  it("search still answers (the limiter lets it through); lists answer 503, never 500", async () => {
    const holder = globalThis as unknown as { __statementsDb?: unknown; __apiRateLimiter?: unknown };
    const { createDatabase } = await import("@/lib/db/client");
    const saved = holder.__statementsDb;
    process.env.API_RATE_LIMIT_PER_MINUTE = "100";
    holder.__apiRateLimiter = undefined;
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const dead = createDatabase("postgres://postgres:x@127.0.0.1:1/nothing", 2);
    holder.__statementsDb = dead;
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const search = await get(routes.search, `/api/v1/search?q=${encodeURIComponent("ميركل")}`, {
        "X-Client-Address": "198.51.100.9",
      });
      expect(search.status).toBe(200);
      expect(search.body.hits.map((h: { speaker: { slug: string } }) => h.speaker.slug)).toContain("angela-merkel");
      // Counted in memory: the limit holds on this instance while the shared counters are out of reach.
      expect(search.headers.get("x-ratelimit-limit")).toBe("100");
      for (const [route, path] of [
        [routes.statements, "/api/v1/statements"],
        [routes.speakers, "/api/v1/speakers"],
        [routes.topics, "/api/v1/topics"],
        [routes.dates, "/api/v1/dates"],
      ] as const) {
        const answer = await get(route, path);
        expect(answer.status, path).toBe(503);
        expect(answer.body.error.code).toBe("database_unavailable");
      }
    } finally {
      holder.__statementsDb = saved;
      (holder.__apiRateLimiter as RateLimiter | undefined)?.stop();
      holder.__apiRateLimiter = undefined;
      process.env.API_RATE_LIMIT_PER_MINUTE = "0";
      errors.mockRestore();
      await dead.pool.end();
    }
  });
});

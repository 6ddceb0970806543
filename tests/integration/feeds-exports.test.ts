import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { neutralizeFormula, parseCsv, STATEMENT_CSV_COLUMNS } from "@/lib/export/csv";
import { exportSearchResult } from "@/lib/export/search-export";
import { importFile } from "@/lib/import/import-file";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { createMeiliClient } from "@/lib/search/client";
import { searchStatements } from "@/lib/search/query";
import { openResultIds } from "@/lib/search/result-ids";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { parseSearchParams } from "@/lib/validation/search-params";
import { useTestEnvironment } from "../support/integration";
import { createTestDatabase } from "../support/test-services";
import { readHostileFixture } from "../support/hostile-fixture";

// Exports of a search result (GET /search/export): the same parameters and
// results as the search API, every page; CSV that a spreadsheet opens safely;
// JSON Lines that `npm run import` reads back into the same statements.

const ORIGIN = "http://tracker.test";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let dir: string;

const FORMULA = '=HYPERLINK("http://evil.example","click")';

function line(raw: object): ImportLine {
  const parsed = parseImportLine(JSON.stringify(raw));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

async function exportOf(query: string): Promise<Response> {
  const { GET } = await import("@/app/search/export/route");
  return GET(new NextRequest(`${ORIGIN}/search/export?${query}`));
}

/** Every hit of a search, all pages, through the search function the API uses. */
async function searchIds(query: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const parsed = parseSearchParams(new URLSearchParams(`${query}&limit=100&page=${page}`));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const result = await searchStatements(parsed.query);
    ids.push(...result.hits.map((h) => h.id));
    if (page >= result.totalPages) return ids;
  }
}

beforeAll(async () => {
  env = await useTestEnvironment("feeds_exports");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "feeds-exports-"));
  await seedDemoData(env.pool);
  const fixtures = await readHostileFixture();
  fixtures.push(
    line({
      externalId: "formula-1",
      text: FORMULA,
      language: "en",
      kind: "indirect",
      speaker: { name: "@Evil Spreadsheet", kind: "group", role: "-1+1", aliases: ["+Evil"] },
      saidOn: "2019-03",
      topics: ["Spreadsheets", "Safety"],
      source: {
        url: "https://example.org/formula",
        outlet: "=Outlet",
        title: 'Title, with a comma and "quotes"',
        publishedAt: "2019-03-04",
      },
      // Two more outlets reported it: one in other words, one (undated) in the same words.
      reports: [
        {
          source: { url: "https://example.org/formula-undated", outlet: "+Undated Outlet" },
          text: null,
        },
        {
          source: { url: "https://example.org/formula-later", outlet: "Later Outlet", publishedAt: "2019-03-09" },
          text: "=SUM(A1) said again, in other words",
          reportedOn: "2019-03-10",
        },
      ],
      context: "Line one\nline two",
    }),
  );
  await importBatch(env.pool, new ImportResolver(), fixtures);
  await drainOutbox(env.ctx);
}, 120_000);

afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("CSV export", () => {
  it("is every result of the search in the search's order, as an RFC 4180 attachment with a BOM, Arabic intact", async () => {
    const response = await exportOf("format=csv&sort=newest");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="statements-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("x-total-count")).toBe("20");
    expect(response.headers.get("x-export-count")).toBe("20");
    expect(response.headers.get("x-export-truncated")).toBe("false");
    // Like the /api/v1 reads: open to other origins (its own headers readable too), and rate-limited.
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toMatch(
      /X-RateLimit-Remaining.*X-Total-Count.*X-Export-Truncated/,
    );
    expect(response.headers.get("x-ratelimit-limit")).toMatch(/^\d+$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...STATEMENT_CSV_COLUMNS]);
    const column = (name: (typeof STATEMENT_CSV_COLUMNS)[number]) => header!.indexOf(name);
    expect(records.map((r) => Number(r[column("id")]))).toEqual(await searchIds("sort=newest"));

    const { rows } = await env.pool.query<{ id: number; text: string }>(`SELECT id, text FROM statements`);
    const texts = new Map(rows.map((r) => [r.id, r.text]));
    for (const record of records) {
      expect(record).toHaveLength(STATEMENT_CSV_COLUMNS.length);
      const id = Number(record[column("id")]);
      expect(record[column("url")]).toBe(`${ORIGIN}/statements/${id}`);
      const original = texts.get(id)!;
      expect(record[column("text")]).toBe(neutralizeFormula(original));
    }
    const merkel = records.filter((r) => r[column("speaker")] === "Angela Merkel");
    expect(merkel).toHaveLength(2);
    expect(merkel[0]![column("language")]).toBe("ar");
    expect(merkel[0]![column("text")]).toMatch(/[\u0600-\u06FF]/);
  });

  it("defuses formulas in every text cell, keeps commas, quotes and line breaks inside their cells", async () => {
    const raw = await (await exportOf("q=hyperlink")).text();
    // Every field quoted, in the file as written.
    expect(raw).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(raw).toContain(`,"'=Outlet",`);
    const [header, record] = parseCsv(raw);
    const cell = (name: (typeof STATEMENT_CSV_COLUMNS)[number]) => record![header!.indexOf(name)];
    expect(cell("text")).toBe(`'${FORMULA}`);
    expect(cell("speaker")).toBe("'@Evil Spreadsheet");
    expect(cell("outlet")).toBe("'=Outlet");
    expect(cell("sourceTitle")).toBe('Title, with a comma and "quotes"');
    expect(cell("context")).toBe("Line one\nline two");
    expect(cell("topics")).toBe("Safety; Spreadsheets");
    expect(cell("saidOn")).toBe("2019-03");
    expect(cell("kind")).toBe("indirect");
    // The first report (the oldest) is the source; the others are counted and named, undated last.
    expect(cell("reportCount")).toBe("3");
    expect(cell("reportOutlets")).toBe("'=Outlet; Later Outlet; '+Undated Outlet");
  });

  it("uses the very filters of the search API, and ignores page and limit (an export is every page)", async () => {
    for (const query of [
      "lang=ar&kind=direct",
      "speaker=angela-merkel",
      "topic=aleppo&sort=oldest",
      "q=ميركل",
      "from=2016-11&to=2016-11-30",
      "year=2020",
    ]) {
      const records = parseCsv(await (await exportOf(`format=csv&${query}&page=2&limit=1`)).text()).slice(1);
      expect(records.map((r) => Number(r[0]))).toEqual(await searchIds(query));
    }
  });

  it("stops at the cap and says so in its headers", async () => {
    const response = await exportSearchResult({
      params: new URLSearchParams("format=csv&sort=oldest"),
      origin: ORIGIN,
      cap: 5,
    });
    expect(response.headers.get("x-total-count")).toBe("20");
    expect(response.headers.get("x-export-count")).toBe("5");
    expect(response.headers.get("x-export-limit")).toBe("5");
    expect(response.headers.get("x-export-truncated")).toBe("true");
    const records = parseCsv(await response.text()).slice(1);
    expect(records.map((r) => Number(r[0]))).toEqual((await searchIds("sort=oldest")).slice(0, 5));
  });

  it("reads a result a page at a time without losing or repeating a statement", async () => {
    const parsed = parseSearchParams(new URLSearchParams("sort=newest"));
    if (!parsed.ok) throw new Error("bad query");
    const result = await openResultIds(parsed.query, { cap: 14, pageSize: 3 });
    expect(result.total).toBe(20);
    expect(result.count).toBe(14);
    const pages: number[][] = [];
    for await (const page of result.pages) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 3, 2]);
    expect(pages.flat()).toEqual((await searchIds("sort=newest")).slice(0, 14));
  });
});

describe("JSON Lines export", () => {
  it("writes the import format, which npm run import brings into an empty database as the same statements", async () => {
    const response = await exportOf("format=jsonl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="statements-\d{4}-\d{2}-\d{2}\.jsonl"$/,
    );
    const text = await response.text();
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(20);
    for (const l of lines) expect(parseImportLine(l).ok).toBe(true);
    // The first report is the line's source, the others its reports, each with its own wording and date.
    const formula = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.externalId === "formula-1");
    expect(formula?.source).toMatchObject({ outlet: "=Outlet", publishedAt: "2019-03-04" });
    expect(formula?.reports).toEqual([
      {
        source: { url: "https://example.org/formula-later", outlet: "Later Outlet", publishedAt: "2019-03-09" },
        text: "=SUM(A1) said again, in other words",
        reportedOn: "2019-03-10",
      },
      { source: { url: "https://example.org/formula-undated", outlet: "+Undated Outlet" } },
    ]);
    const file = path.join(dir, "export.jsonl");
    fs.writeFileSync(file, text);

    const statementsOf = async (pool: pg.Pool) =>
      (
        await pool.query(
          `SELECT s.external_id, s.text, s.language, s.kind, s.said_on::text, s.said_on_precision, s.context, sp.name AS speaker, sp.kind AS speaker_kind,
                  (SELECT array_agg(t.name ORDER BY t.name) FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id) AS topics,
                  (SELECT json_agg(json_build_array(so.url, so.outlet, so.title, so.published_on::text, r.text, r.reported_on::text) ORDER BY r.reported_on NULLS LAST, so.url)
                     FROM statement_reports r JOIN sources so ON so.id = r.source_id WHERE r.statement_id = s.id) AS reports
             FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.status = 'published' ORDER BY s.external_id`,
        )
      ).rows;

    const { databaseUrl } = await createTestDatabase(env.services, "feeds_exports_import");
    const other = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      const imported = await importFile(other, file);
      expect(imported.rejected).toEqual([]);
      expect(imported.created).toBe(20);
      expect(await statementsOf(other)).toEqual(await statementsOf(env.pool));
      // The speakers' other names travel as aliases: the Arabic name still finds Merkel.
      const aliases = await other.query(
        `SELECT sn.name FROM speaker_names sn JOIN speakers sp ON sp.id = sn.speaker_id WHERE sp.name = 'Angela Merkel'`,
      );
      expect(aliases.rows.map((r) => r.name)).toContain("أنجيلا ميركل");
    } finally {
      await other.end();
    }
    // Into the database it came from: every line finds its statement again by
    // externalId, and no statement's words, speaker, date, topics or source change.
    const before = await statementsOf(env.pool);
    const again = await importFile(env.pool, file);
    expect(again.rejected).toEqual([]);
    expect(again.created).toBe(0);
    expect(await statementsOf(env.pool)).toEqual(before);
  });
});

describe("one export at a time per address", () => {
  const from = (address: string, query = "format=csv&sort=oldest") =>
    import("@/app/search/export/route").then(({ GET }) =>
      GET(new NextRequest(`${ORIGIN}/search/export?${query}`, { headers: { "X-Client-Address": address } })),
    );

  it("refuses a second export from the same address while the first is still being read, with 429 and Retry-After", async () => {
    const first = await from("203.0.113.70");
    expect(first.status).toBe(200);
    const second = await from("203.0.113.70", "format=jsonl");
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("10");
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("export_in_progress");
    // Another address is not held up.
    const other = await from("203.0.113.71");
    expect(other.status).toBe(200);
    await other.text();
    // Once the first has been read to its end, the address may export again.
    expect(parseCsv(await first.text()).length).toBe(21);
    const third = await from("203.0.113.70");
    expect(third.status).toBe(200);
    // A download the reader abandons frees the address too.
    await third.body!.cancel();
    const fourth = await from("203.0.113.70");
    expect(fourth.status).toBe(200);
    await fourth.text();
  });

  it("a refused or failed export does not hold the address", async () => {
    expect((await from("203.0.113.72", "format=xls")).status).toBe(400);
    const next = await from("203.0.113.72");
    expect(next.status).toBe(200);
    await next.text();
  });
});

describe("bad requests", () => {
  it("names every bad parameter in a 400, as the search API does", async () => {
    const response = await exportOf("format=xls&lang=xx&from=yesterday&sort=random");
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; fields: Array<{ field: string }> };
    };
    expect(body.error.code).toBe("invalid_parameter");
    expect(body.error.fields.map((f) => f.field)).toEqual(["format", "lang", "from", "sort"]);
    expect(body.error.message).toMatch(
      /^format: "xls" is not one of csv, jsonl; lang: "xx" is not a supported language/,
    );
  });

  it("answers 503 when search is unavailable, before any byte of a file", async () => {
    const holder = globalThis as unknown as { __statementsMeili?: { key: string; client: unknown } };
    const live = holder.__statementsMeili;
    expect(live).toBeDefined();
    // The app's search client, pointed at a port where nothing listens.
    holder.__statementsMeili = {
      key: live!.key,
      client: createMeiliClient("http://127.0.0.1:9", env.services.meiliKey, 2_000),
    };
    try {
      const response = await exportOf("format=csv&q=aleppo");
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("search_unavailable");
    } finally {
      holder.__statementsMeili = live;
    }
  });
});

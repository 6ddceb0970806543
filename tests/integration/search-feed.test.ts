import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readSearchState, searchFeedHref } from "@/app/search/_lib/search-url";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { drainOutbox } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { ATOM_NS, parseAtom, RFC3339_UTC, type ParsedFeed } from "../support/atom";
import { useTestEnvironment } from "../support/integration";

// /search/feed.xml (issue 15): the search page's parameters, the newest matching published
// statements as Atom, read back with a real XML parser; its entries are exactly what the search
// finds, whatever the index still holds of a statement retracted since.

const reader = vi.hoisted(() => ({ locale: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "locale" && reader.locale ? { name, value: reader.locale } : undefined),
  }),
  headers: async () => new Headers({ "accept-language": "en-GB,en;q=0.8" }),
}));

const ORIGIN = "http://tracker.test";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const ids: Record<string, number> = {};

function line(externalId: string, speaker: string, text: string, language: string, saidOn: string | null): ImportLine {
  const parsed = parseImportLine(
    JSON.stringify({ externalId, text, language, speaker: { name: speaker }, saidOn, topics: ["Airships"] }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

async function get(query: string): Promise<Response> {
  const { GET } = await import("@/app/search/feed.xml/route");
  return GET(new Request(`${ORIGIN}/search/feed.xml${query}`));
}

async function feed(query: string): Promise<ParsedFeed> {
  const response = await get(query);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  return parseAtom(await response.text());
}

const entryIds = (parsed: ParsedFeed) => parsed.entries.map((e) => Number(/\/statements\/(\d+)$/.exec(e.id)?.[1]));

beforeAll(async () => {
  env = await useTestEnvironment("search_feed");
  const lines = [
    line("zp-1", "Feed Alpha", "The zeppelin will fly on Monday.", "en", "2020-05-01"),
    line("zp-2", "Feed Beta", "No zeppelin over the city.", "en", "2021-02"),
    line("zp-3", "Feed Alpha", "Der Zeppelin landet morgen.", "de", "2019"),
    line("zp-4", "Feed Beta", "A zeppelin, some day.", "en", null),
    line("zp-5", "Feed Beta", "Nothing about airships here.", "en", "2022-01-01"),
    line("zp-6", "Feed Alpha", "The zeppelin was a hoax.", "en", "2023-01-01"),
  ];
  await importBatch(env.pool, new ImportResolver(), lines);
  const { rows } = await env.pool.query<{ id: number; external_id: string }>(`SELECT id, external_id FROM statements`);
  for (const row of rows) ids[row.external_id] = row.id;
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx);
  // Retracted after it was indexed, and the index not told yet: the feed must not list it.
  await env.pool.query(
    `UPDATE statements SET status = 'retracted', retraction_reason = 'a hoax' WHERE external_id = 'zp-6'`,
  );
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe("GET /search/feed.xml", () => {
  it("holds exactly the published statements the search finds, newest first", async () => {
    reader.locale = undefined;
    const parsed = await feed("?q=zeppelin");
    expect(parsed.namespace).toBe(ATOM_NS);
    expect(parsed.lang).toBe("en");
    expect(parsed.title).toBe("Statements matching “zeppelin” — Statements tracker");
    expect(parsed.id).toBe(`${ORIGIN}/search/feed.xml?q=zeppelin`);
    expect(parsed.self).toBe(parsed.id);
    expect(parsed.alternate).toBe(`${ORIGIN}/search?q=zeppelin&sort=newest`);
    expect(parsed.updated).toMatch(RFC3339_UTC);
    // zp-5 does not match; zp-6 is retracted; the undated one comes last.
    expect(entryIds(parsed)).toEqual([ids["zp-2"], ids["zp-1"], ids["zp-3"], ids["zp-4"]]);
    const first = parsed.entries[0]!;
    expect(first).toMatchObject({
      link: `${ORIGIN}/statements/${ids["zp-2"]}`,
      lang: "en",
      content: "No zeppelin over the city.",
      contentType: "text",
      authors: [{ name: "Feed Beta", uri: `${ORIGIN}/speakers/feed-beta` }],
      categories: ["airships"],
    });
  });

  it("takes the filters of /search and ignores its page, page size and order", async () => {
    expect(entryIds(await feed("?q=zeppelin&speaker=feed-alpha"))).toEqual([ids["zp-1"], ids["zp-3"]]);
    expect(entryIds(await feed("?q=zeppelin&lang=de"))).toEqual([ids["zp-3"]]);
    expect(entryIds(await feed("?q=zeppelin&from=2020&to=2021-01"))).toEqual([ids["zp-1"]]);
    expect(entryIds(await feed("?q=zeppelin&year=2021,2019"))).toEqual([ids["zp-2"], ids["zp-3"]]);
    expect(entryIds(await feed("?topic=airships&speaker=feed-beta"))).toEqual([ids["zp-5"], ids["zp-2"], ids["zp-4"]]);
    const paged = await feed("?sort=oldest&page=3&limit=1&q=zeppelin&speaker=feed-alpha");
    expect(entryIds(paged)).toEqual([ids["zp-1"], ids["zp-3"]]);
    // The feed's address is the search's, in a fixed order and without what it ignores.
    expect(paged.self).toBe(`${ORIGIN}/search/feed.xml?q=zeppelin&speaker=feed-alpha`);
  });

  it("is an empty, valid feed when nothing matches", async () => {
    const parsed = await feed("?q=hovercraft");
    expect(parsed.entries).toEqual([]);
    expect(parsed.updated).toMatch(RFC3339_UTC);
  });

  it("is cached as the other feeds are, and titled in the reader's language", async () => {
    const response = await get("?q=zeppelin");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=30, stale-while-revalidate=300");
    reader.locale = "ar";
    const parsed = await feed("?q=zeppelin");
    expect(parsed.lang).toBe("ar");
    expect(parsed.title).toContain("«zeppelin»");
    reader.locale = undefined;
  });

  it("refuses what the search page refuses, naming the parameter", async () => {
    for (const [query, field] of [
      ["?lang=xx", "lang"],
      ["?year=20", "year"],
      ["?from=2020-13", "from"],
      ["?q=a&q=b", "q"],
    ] as const) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain(`${field}: `);
    }
  });
});

describe("searchFeedHref", () => {
  it("keeps the words and filters of a search, not its page, size or order", () => {
    const state = readSearchState(
      new URLSearchParams("speaker=a,b&q=x y&page=2&sort=oldest&limit=5&from=2016&lang=ar"),
    );
    expect(searchFeedHref(state)).toBe("/search/feed.xml?q=x+y&speaker=a&speaker=b&lang=ar&from=2016");
    expect(searchFeedHref(readSearchState(new URLSearchParams()))).toBe("/search/feed.xml");
  });
});

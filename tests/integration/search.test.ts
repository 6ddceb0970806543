import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/seed/demo";
import { searchStatements } from "@/lib/search/query";
import type { SearchQuery } from "@/lib/search/types";
import { drainOutbox } from "@/lib/sync/worker";
import { parseSearchParams } from "@/lib/validation/search-params";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("search");
  await seedDemoData(env.pool);
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx); // the speakers' rows fan out into statement rows
});
afterAll(async () => {
  await env.close();
});

function query(qs: string): SearchQuery {
  const parsed = parseSearchParams(new URLSearchParams(qs));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.query;
}

async function speakersOf(qs: string) {
  const result = await searchStatements(query(qs));
  return { result, slugs: result.hits.map((h) => h.speaker.slug) };
}

describe("search over the demo data", () => {
  it("finds Merkel's two statements by her name in Arabic and in Latin script, hers first", async () => {
    for (const q of ["ميركل", "Merkel"]) {
      const { result, slugs } = await speakersOf(`q=${encodeURIComponent(q)}`);
      expect(slugs.slice(0, 2)).toEqual(["angela-merkel", "angela-merkel"]);
      expect(result.hits.filter((h) => h.speaker.slug === "angela-merkel")).toHaveLength(2);
    }
  });

  it("folds hamza, alef maqsura and clitics: الاسد finds «الأسد», مستشفي finds «مستشفى»", async () => {
    const asad = await searchStatements(query(`q=${encodeURIComponent("الاسد")}`));
    expect(asad.total).toBeGreaterThan(3);
    for (const hit of asad.hits) expect(hit.text).toMatch(/الأسد/);
    // The highlight points at the original spelling in the original text.
    const first = asad.hits[0]!;
    const [start, end] = first.highlight[0]!;
    expect(first.text.slice(start, end)).toBe("الأسد");

    const hospital = await searchStatements(query(`q=${encodeURIComponent("مستشفي")}`));
    expect(hospital.hits.some((h) => h.text.includes("مستشفى"))).toBe(true);
  });

  it("matches Arabic-Indic digits with Western digits", async () => {
    const result = await searchStatements(query(`q=${encodeURIComponent("٥٦")}`));
    expect(result.hits.map((h) => h.text).join(" ")).toContain("56");
  });

  it("filters by speaker, topic, kind and language and counts facets", async () => {
    const result = await searchStatements(query("speaker=msf"));
    expect(result.total).toBe(3);
    expect(result.facets.speaker).toEqual({ msf: 3 });
    const refugees = await searchStatements(query("topic=refugees"));
    expect(refugees.hits.map((h) => h.speaker.slug)).toEqual(["angela-merkel"]);
    const direct = await searchStatements(query("kind=direct"));
    expect(direct.total).toBe(2);
    expect((await searchStatements(query("lang=en"))).total).toBe(0);
    const all = await searchStatements(query(""));
    expect(all.total).toBe(18);
    expect(all.facets.language).toEqual({ ar: 18 });
    expect(all.facets.year).toEqual({ "2016": 18 });
    expect(Object.values(all.facets.topic).reduce((a, b) => a + b, 0)).toBeGreaterThan(18);
  });

  it("keeps a month-precision statement in a date range that falls inside its month", async () => {
    expect((await searchStatements(query("from=2016-11-15&to=2016-11-20"))).total).toBe(18);
    expect((await searchStatements(query("from=2016-12"))).total).toBe(0);
    expect((await searchStatements(query("to=2016-10-31"))).total).toBe(0);
  });

  it("paginates", async () => {
    const page1 = await searchStatements(query("limit=5&page=1&sort=oldest"));
    const page4 = await searchStatements(query("limit=5&page=4&sort=oldest"));
    expect(page1.hits).toHaveLength(5);
    expect(page4.hits).toHaveLength(3);
    expect(page1.totalPages).toBe(4);
    const ids = new Set([...page1.hits, ...page4.hits].map((h) => h.id));
    expect(ids.size).toBe(8);
  });

  it("links the envoy's welcome to Merkel's and Steinmeier's statements", async () => {
    const { rows } = await env.pool.query(
      `SELECT a.external_id AS from_id, b.external_id AS to_id FROM statement_responses r
         JOIN statements a ON a.id = r.statement_id JOIN statements b ON b.id = r.responds_to_id ORDER BY 2`,
    );
    expect(rows).toEqual([
      { from_id: "demo-aleppo-14", to_id: "demo-aleppo-15" },
      { from_id: "demo-aleppo-14", to_id: "demo-aleppo-17" },
    ]);
  });

  it("seeding twice changes nothing", async () => {
    const before = await env.pool.query(`SELECT count(*)::int AS n, max(version) AS v FROM statements`);
    await seedDemoData(env.pool);
    const after = await env.pool.query(`SELECT count(*)::int AS n, max(version) AS v FROM statements`);
    expect(after.rows).toEqual(before.rows);
  });
});

describe("search parameters", () => {
  it.each([
    ["from=yesterday", "from"],
    ["limit=100000", "limit"],
    ["sort=popular", "sort"],
    ["from=2016-02-30", "from"],
    ["lang=xx", "lang"],
    ["kind=rumour", "kind"],
    ["page=0", "page"],
    ["page=abc", "page"],
    ["year=16", "year"],
    ["from=2017&to=2016", "to"],
    [`q=${"a".repeat(301)}`, "q"],
  ])("rejects %s naming the parameter", (qs, field) => {
    const parsed = parseSearchParams(new URLSearchParams(qs));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain(field);
  });
});

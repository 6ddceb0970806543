import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replaceSpeakerNames } from "@/lib/db/writes";
import { useTestEnvironment } from "@/tests/support/integration";
import {
  MONTHLY_MAX_SPAN,
  bucketActivity,
  compareNames,
  getPublicSpeaker,
  getSpeakerProfile,
  listSpeakers,
  nameFilterKey,
  nameScript,
  preferredName,
  speakerActivityCounts,
  speakerTopics,
  type ActivityCounts,
} from "./speakers";
import { latestStatements } from "./statements";

describe("nameScript", () => {
  it("classifies a name by its first Arabic or Latin letter", () => {
    expect(nameScript("Angela Merkel")).toBe("latin");
    expect(nameScript("Ärzte ohne Grenzen")).toBe("latin");
    expect(nameScript("أنجيلا ميركل")).toBe("arabic");
    expect(nameScript("«ميركل»")).toBe("arabic");
    expect(nameScript("ﻣﻴﺮﻛﻞ")).toBe("arabic");
    expect(nameScript("1st Battalion")).toBe("latin");
    expect(nameScript("(MSF) أطباء")).toBe("latin");
    expect(nameScript("Путин")).toBe("other");
    expect(nameScript("")).toBe("other");
  });
});

describe("preferredName", () => {
  const merkel = { name: "Angela Merkel", names: { ar: "أنجيلا ميركل", en: "Angela Merkel", de: "Angela Merkel" } };
  const arabicOnly = { name: "مديرية صحة حلب", names: { ar: "مديرية صحة حلب", en: null, de: null } };
  const unknown = { name: "Somebody", names: { ar: null, en: null, de: null } };

  it("prefers the name in the interface language", () => {
    expect(preferredName(merkel, "ar")).toEqual({ text: "أنجيلا ميركل", lang: "ar" });
    expect(preferredName(merkel, "en")).toEqual({ text: "Angela Merkel", lang: "en" });
  });

  it("falls back to the canonical name, tagged with the language whose name it is", () => {
    expect(preferredName(arabicOnly, "en")).toEqual({ text: "مديرية صحة حلب", lang: "ar" });
    expect(preferredName(unknown, "ar")).toEqual({ text: "Somebody", lang: null });
  });
});

describe("compareNames", () => {
  const names = [
    "Zeta",
    "أنجيلا ميركل",
    "Médecins Sans Frontières",
    "آمنة",
    "angela",
    "الدفاع المدني",
    "Ärzte",
    "Путин",
    "بسام",
    "Bassam",
  ];

  it("puts Latin names first in the English interface, each script in its own order", () => {
    expect([...names].sort(compareNames("en"))).toEqual([
      "angela",
      "Ärzte",
      "Bassam",
      "Médecins Sans Frontières",
      "Zeta",
      "آمنة",
      "الدفاع المدني",
      "أنجيلا ميركل",
      "بسام",
      "Путин",
    ]);
  });

  it("puts Arabic names first, in Arabic order, in the Arabic interface", () => {
    expect([...names].sort(compareNames("ar")).slice(0, 5)).toEqual([
      "آمنة",
      "الدفاع المدني",
      "أنجيلا ميركل",
      "بسام",
      "angela",
    ]);
  });
});

describe("nameFilterKey", () => {
  it("folds a filter as names are folded, and refuses one without letters or digits", () => {
    expect(nameFilterKey("Merkel")).toBe("merkel");
    expect(nameFilterKey("  Angela   MERKEL ")).toBe("angela-merkel");
    expect(nameFilterKey("أنجيلا")).toBe(nameFilterKey("انجيلا"));
    expect(nameFilterKey("!!!")).toBeNull();
  });
});

describe("bucketActivity", () => {
  const counts = (partial: Partial<ActivityCounts>): ActivityCounts => ({
    months: [],
    years: [],
    undated: 0,
    ...partial,
  });

  it("charts nothing when nothing is dated", () => {
    const activity = bucketActivity(counts({ undated: 3 }));
    expect(activity).toMatchObject({ buckets: [], charted: 0, undated: 3, peak: null });
  });

  it("buckets by month, filling the gaps with empty months", () => {
    const activity = bucketActivity(
      counts({
        months: [
          { month: "2016-11", count: 2 },
          { month: "2017-02", count: 5 },
          { month: "2016-12", count: 0 },
        ],
      }),
    );
    expect(activity.unit).toBe("month");
    expect(activity.buckets.map((b) => [b.key, b.count])).toEqual([
      ["2016-11", 2],
      ["2016-12", 0],
      ["2017-01", 0],
      ["2017-02", 5],
    ]);
    expect(activity.buckets[0]!.from).toMatchObject({ iso: "2016-11", precision: "month" });
    expect(activity.charted).toBe(7);
    expect(activity.peak?.key).toBe("2017-02");
  });

  it("names the first of equal peaks", () => {
    expect(
      bucketActivity(
        counts({
          months: [
            { month: "2020-03", count: 4 },
            { month: "2020-01", count: 4 },
          ],
        }),
      ).peak?.key,
    ).toBe("2020-01");
  });

  it("keeps months when year-only statements fall inside the span, and reports them apart", () => {
    const activity = bucketActivity(
      counts({ months: [{ month: "2016-11", count: 2 }], years: [{ year: 2016, count: 3 }], undated: 1 }),
    );
    expect(activity).toMatchObject({ unit: "month", charted: 2, yearOnly: 3, undated: 1 });
  });

  it("switches to years when a year-only statement falls outside the months", () => {
    const activity = bucketActivity(
      counts({ months: [{ month: "2016-11", count: 2 }], years: [{ year: 2014, count: 3 }] }),
    );
    expect(activity.unit).toBe("year");
    expect(activity.buckets.map((b) => [b.key, b.count])).toEqual([
      ["2014", 3],
      ["2015", 0],
      ["2016", 2],
    ]);
    expect(activity).toMatchObject({ charted: 5, yearOnly: 0 });
    expect(activity.buckets[0]!.from).toMatchObject({ iso: "2014", precision: "year" });
  });

  it("switches to years when the span is longer than the monthly limit", () => {
    const inside = bucketActivity(
      counts({
        months: [
          { month: "2010-01", count: 1 },
          { month: `${2010 + MONTHLY_MAX_SPAN / 12 - 1}-12`, count: 1 },
        ],
      }),
    );
    expect(inside.unit).toBe("month");
    expect(inside.buckets).toHaveLength(MONTHLY_MAX_SPAN);
    const beyond = bucketActivity(
      counts({
        months: [
          { month: "1946-10", count: 1 },
          { month: "2023-09", count: 4 },
        ],
      }),
    );
    expect(beyond.unit).toBe("year");
    expect(beyond.buckets).toHaveLength(2023 - 1946 + 1);
    expect(beyond.buckets.at(-1)).toMatchObject({ key: "2023", count: 4 });
  });

  it("charts only year-only statements by year", () => {
    expect(bucketActivity(counts({ years: [{ year: 1990, count: 2 }] })).buckets.map((b) => b.key)).toEqual(["1990"]);
  });

  it("buckets by decade beyond a century", () => {
    const activity = bucketActivity(
      counts({ years: [{ year: 1001, count: 1 }], months: [{ month: "2016-11", count: 2 }] }),
    );
    expect(activity.unit).toBe("decade");
    expect(activity.buckets[0]).toMatchObject({ key: "1000s", count: 1 });
    expect(activity.buckets[0]!.to).toMatchObject({ iso: "1009" });
    expect(activity.buckets.at(-1)).toMatchObject({ key: "2010s", count: 2 });
    expect(activity.buckets).toHaveLength(102);
  });
});

// ---------------------------------------------------------------------------
// Against a real Postgres (the run's test services): the SQL orders, pages,
// filters and counts as the functions above say.

describe("speaker queries on Postgres", () => {
  let env: Awaited<ReturnType<typeof useTestEnvironment>>;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    env = await useTestEnvironment("speakers");
    const latin = [
      "Zeta Org",
      "angela test",
      "Ärzte Verein",
      "Bassam Person",
      "Médecins Test",
      "medecins lower",
      "Émile Zola",
      "O'Brien",
    ];
    const arabic = ["آمنة", "إبراهيم", "ابراهيم", "الدفاع المدني", "أنجيلا", "بسام", "ثامر", "يوسف", "مديرية صحة حلب"];
    const rows: Array<{ slug: string; kind: string; name: string; nameAr: string | null; nameEn: string | null }> = [];
    latin.forEach((name, i) =>
      rows.push({
        slug: `latin-${i}`,
        kind: ["person", "organization", "group"][i % 3]!,
        name,
        nameAr: null,
        nameEn: name,
      }),
    );
    arabic.forEach((name, i) =>
      rows.push({
        slug: `arabic-${i}`,
        kind: ["person", "organization", "group"][i % 3]!,
        name,
        nameAr: name,
        nameEn: null,
      }),
    );
    // Many more, so that the index has several pages.
    for (let i = 0; i < 120; i++)
      rows.push({
        slug: `bulk-${i}`,
        kind: "person",
        name: `Person ${String(i).padStart(3, "0")}`,
        nameAr: null,
        nameEn: null,
      });
    // A speaker with names in both scripts: shown and sorted by the interface language's.
    rows.push({ slug: "both", kind: "person", name: "Angela Merkel", nameAr: "أنجيلا ميركل", nameEn: "Angela Merkel" });
    rows.push({ slug: "cyrillic", kind: "person", name: "Путин", nameAr: null, nameEn: null });
    for (const row of rows) {
      const result = await env.pool.query<{ id: number }>(
        `INSERT INTO speakers (slug, kind, name, name_ar, name_en) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [row.slug, row.kind, row.name, row.nameAr, row.nameEn],
      );
      ids.set(row.slug, result.rows[0]!.id);
      await replaceSpeakerNames(env.pool, result.rows[0]!.id, [
        row.name,
        row.nameAr,
        row.nameEn,
        row.slug === "both" ? "ميركل" : null,
      ]);
    }
    await env.pool.query(
      `UPDATE speakers SET role = 'Chancellor', affiliation_id = $1, wikidata_id = 'Q567', aliases = '{ميركل,Merkel}' WHERE slug = 'both'`,
      [ids.get("latin-0")],
    );
    const topics = await env.pool.query<{ id: number; slug: string }>(
      `INSERT INTO topics (slug, name, name_en, name_ar) VALUES ('aleppo', 'Aleppo', 'Aleppo', 'حلب'), ('refugees', 'Refugees', 'Refugees', NULL) RETURNING id, slug`,
    );
    const topic = (slug: string) => topics.rows.find((t) => t.slug === slug)!.id;
    const statements: Array<[string, string | null, string | null, string, string[]]> = [
      ["one", "2016-11-01", "month", "published", ["aleppo"]],
      ["two", "2016-11-17", "day", "published", ["aleppo", "refugees"]],
      ["three", "2017-02-01", "month", "published", ["aleppo"]],
      ["four", "2016-01-01", "year", "published", []],
      ["five", null, null, "published", []],
      ["draft", "2018-05-01", "month", "draft", ["refugees"]],
      ["gone", "2018-06-01", "month", "retracted", ["refugees"]],
    ];
    for (const [text, saidOn, precision, status, topicSlugs] of statements) {
      const result = await env.pool.query<{ id: number }>(
        `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status, retraction_reason)
         VALUES ($1, 'de', 'direct', $2, $3, $4, $5, $6) RETURNING id`,
        [text, ids.get("both"), saidOn, precision, status, status === "retracted" ? "wrong" : null],
      );
      for (const slug of topicSlugs)
        await env.pool.query(`INSERT INTO statement_topics VALUES ($1, $2)`, [result.rows[0]!.id, topic(slug)]);
    }
  });

  afterAll(async () => {
    await env?.close();
  });

  async function everyName(locale: "en" | "ar", kind: "person" | null = null, name = "") {
    const names: string[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const list = await listSpeakers({ locale, kind, name, page, perPage: 50 });
      names.push(...list.items.map((item) => item.name.text));
      total = list.total;
      if (page >= list.totalPages) break;
    }
    return { names, total };
  }

  it("pages through every speaker in collator order, in both interface languages", async () => {
    for (const locale of ["en", "ar"] as const) {
      const { names, total } = await everyName(locale);
      expect(total).toBe(139);
      expect(names).toHaveLength(139);
      expect(names).toEqual([...names].sort(compareNames(locale)));
    }
    const ar = (await everyName("ar")).names;
    expect(ar.slice(0, 4)).toEqual(["آمنة", "إبراهيم", "ابراهيم", "الدفاع المدني"]);
    expect(ar).toContain("أنجيلا ميركل");
    expect(ar.at(-1)).toBe("Путин");
    const en = (await everyName("en")).names;
    expect(en.slice(0, 3)).toEqual(["Angela Merkel", "angela test", "Ärzte Verein"]);
    expect(en).not.toContain("أنجيلا ميركل");
  });

  it("filters by kind, counts each kind, and tags the shown name's language", async () => {
    const list = await listSpeakers({ locale: "ar", kind: "group", name: "", page: 1, perPage: 50 });
    expect(list.kinds).toEqual({ person: 3 + 3 + 120 + 2, organization: 3 + 3, group: 2 + 3 });
    expect(list.total).toBe(5);
    expect(list.items.every((item) => item.kind === "group")).toBe(true);
    const both = (await listSpeakers({ locale: "ar", kind: "person", name: "merkel", page: 1, perPage: 50 })).items;
    expect(both).toEqual([
      {
        slug: "both",
        kind: "person",
        name: { text: "أنجيلا ميركل", lang: "ar" },
        role: "Chancellor",
        statementCount: 5,
      },
    ]);
  });

  it("filters by any name or alias, in any script, folded", async () => {
    expect((await everyName("en", null, "ميركل")).names).toEqual(["Angela Merkel"]);
    expect((await everyName("en", null, "انجيلا")).names).toEqual(["Angela Merkel", "أنجيلا"]);
    expect((await everyName("en", null, "medecins")).names).toEqual(["medecins lower", "Médecins Test"]);
    expect((await everyName("en", null, "%")).total).toBe(0);
    expect((await everyName("en", null, "nobody-at-all")).total).toBe(0);
  });

  it("says there is nothing on a page past the last", async () => {
    const list = await listSpeakers({ locale: "en", kind: null, name: "", page: 99, perPage: 50 });
    expect(list).toMatchObject({ items: [], total: 139, totalPages: 3 });
  });

  it("reads a speaker's profile, counting published statements only", async () => {
    const profile = await getSpeakerProfile("both");
    expect(profile).toMatchObject({
      slug: "both",
      names: { ar: "أنجيلا ميركل", en: "Angela Merkel", de: null },
      aliases: ["ميركل", "Merkel"],
      role: "Chancellor",
      affiliation: { name: "Zeta Org", slug: "latin-0" },
      wikidataId: "Q567",
      statementCount: 5,
    });
    expect(await getSpeakerProfile("nobody")).toBeNull();
    // The API's reader is unchanged.
    expect(await getPublicSpeaker("both")).toMatchObject({ slug: "both", affiliation: "Zeta Org", statementCount: 5 });
  });

  it("counts statements per month and year, and topics, leaving out drafts and retractions", async () => {
    const id = ids.get("both")!;
    const counts = await speakerActivityCounts(id);
    expect(counts.months.sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      { month: "2016-11", count: 2 },
      { month: "2017-02", count: 1 },
    ]);
    expect(counts.years).toEqual([{ year: 2016, count: 1 }]);
    expect(counts.undated).toBe(1);
    const topics = await speakerTopics(id, "ar", 10);
    expect(topics).toEqual({
      topics: [
        { slug: "aleppo", name: { text: "حلب", lang: "ar" }, count: 3 },
        { slug: "refugees", name: { text: "Refugees", lang: "en" }, count: 1 },
      ],
      total: 2,
    });
    expect((await speakerTopics(id, "en", 1)).total).toBe(2);
  });

  it("lists the latest statements by date said, undated last", async () => {
    const id = ids.get("both")!;
    const latest = await latestStatements(10, id);
    expect(latest.map((s) => s.text)).toEqual(["three", "two", "one", "four", "five"]);
    expect(latest[0]!.saidOn).toMatchObject({ iso: "2017-02", precision: "month" });
  });
});

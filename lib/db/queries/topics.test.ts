import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../../../tests/support/integration";
import {
  buildTimeline,
  getPublicTopic,
  getTopicDetail,
  topicStatements,
  topicStatistics,
  topicTreePage,
} from "./topics";

describe("buildTimeline", () => {
  it("shows one year per month, keeping year-only and undated statements apart", () => {
    const timeline = buildTimeline([
      { year: 2016, month: 11, count: 18 },
      { year: 2016, month: 3, count: 2 },
      { year: 2016, month: null, count: 4 },
      { year: null, month: null, count: 1 },
    ]);
    expect(timeline).toMatchObject({ granularity: "month", year: 2016, yearOnly: 4, undated: 1 });
    if (timeline.granularity !== "month") throw new Error("expected months");
    expect(timeline.buckets).toHaveLength(12);
    expect(timeline.buckets[10]).toEqual({ iso: "2016-11", year: 2016, month: 11, count: 18 });
    expect(timeline.buckets[2]?.count).toBe(2);
    expect(timeline.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(20);
  });

  it("shows several years per year, empty years included", () => {
    const timeline = buildTimeline([
      { year: 1946, month: null, count: 10 },
      { year: 1949, month: 5, count: 1 },
      { year: 1949, month: null, count: 2 },
    ]);
    expect(timeline).toMatchObject({ granularity: "year", undated: 0 });
    if (timeline.granularity !== "year") throw new Error("expected years");
    expect(timeline.buckets.map((b) => [b.iso, b.count])).toEqual([
      ["1946", 10],
      ["1947", 0],
      ["1948", 0],
      ["1949", 3],
    ]);
  });

  it("has no bars when nothing is dated", () => {
    expect(buildTimeline([{ year: null, month: null, count: 3 }])).toEqual({ granularity: "none", undated: 3 });
    expect(buildTimeline([])).toEqual({ granularity: "none", undated: 0 });
  });
});

describe("topic queries", () => {
  let env: Awaited<ReturnType<typeof useTestEnvironment>>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    env = await useTestEnvironment("topic_queries");
    await seedDemoData(env.pool);
    const topic = async (slug: string, name: string, nameAr: string | null, parent: string | null) =>
      (
        await env.pool.query<{ id: number }>(
          `INSERT INTO topics (slug, name, name_en, name_ar, parent_id) VALUES ($1, $2, $2, $3, (SELECT id FROM topics WHERE slug = $4)) RETURNING id`,
          [slug, name, nameAr, parent],
        )
      ).rows[0]!.id;
    ids.eastAleppo = await topic("east-aleppo", "East Aleppo", "شرق حلب", "aleppo");
    ids.hospitalM10 = await topic("m10-hospital", "M10 hospital", null, "east-aleppo");
    // A cycle of parents (nothing in the schema forbids it): pages must not loop.
    ids.loopA = await topic("loop-a", "Loop A", null, null);
    ids.loopB = await topic("loop-b", "Loop B", null, "loop-a");
    await env.pool.query(`UPDATE topics SET parent_id = $1 WHERE id = $2`, [ids.loopB, ids.loopA]);
    const aleppo = (await env.pool.query<{ id: number }>(`SELECT id FROM topics WHERE slug = 'aleppo'`)).rows[0]!.id;
    ids.aleppo = aleppo;
    // A day-precision statement (newest), a draft and an undated one on Aleppo.
    const add = async (said: string | null, precision: string | null, status: string) => {
      const id = (
        await env.pool.query<{ id: number }>(
          `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status)
           SELECT 'Test statement', 'en', 'indirect', id, $1::date, $2, $3 FROM speakers WHERE slug = 'angela-merkel' RETURNING id`,
          [said, precision, status],
        )
      ).rows[0]!.id;
      await env.pool.query(`INSERT INTO statement_topics (statement_id, topic_id) VALUES ($1, $2)`, [id, aleppo]);
      return id;
    };
    ids.newest = await add("2017-02-03", "day", "published");
    ids.draft = await add("2018-01-01", "day", "draft");
    ids.undated = await add(null, null, "published");
  });
  afterAll(async () => {
    await env.close();
  });

  it("keeps the API's topic read working", async () => {
    expect(await getPublicTopic("east-aleppo")).toMatchObject({
      slug: "east-aleppo",
      parent: { slug: "aleppo", name: "Aleppo" },
      statementCount: 0,
    });
    expect(await getPublicTopic("nope")).toBeNull();
  });

  it("builds the index as a tree, names in the interface language or else canonical", async () => {
    const en = await topicTreePage("en", 1);
    const aleppo = en.roots.find((r) => r.slug === "aleppo");
    expect(aleppo).toMatchObject({ name: "Aleppo", statementCount: 13 });
    expect(aleppo?.children.map((c) => c.slug)).toEqual(["east-aleppo"]);
    expect(aleppo?.children[0]?.children.map((c) => c.name)).toEqual(["M10 hospital"]);
    expect(en.roots.some((r) => r.slug === "east-aleppo")).toBe(false);
    expect(en.topicCount).toBe(10);
    // Topics in a cycle of parents have no top-level ancestor: they are listed at the top level rather than lost.
    expect(en.roots.filter((r) => r.slug.startsWith("loop-")).map((r) => r.slug)).toEqual(["loop-a", "loop-b"]);
    expect(en.rootCount).toBe(8);
    const ar = await topicTreePage("ar", 1);
    const arAleppo = ar.roots.find((r) => r.slug === "aleppo");
    expect(arAleppo?.name).toBe("حلب");
    expect(arAleppo?.children[0]?.name).toBe("شرق حلب");
    expect(arAleppo?.children[0]?.children[0]?.name).toBe("M10 hospital");
    expect(ar.roots.map((r) => r.name)).toEqual(
      [...ar.roots.map((r) => r.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), "en")),
    );
    expect((await topicTreePage("en", 2)).roots).toEqual([]);
  });

  it("gives a topic's ancestors, subtopics and counts, and survives a cycle of parents", async () => {
    const m10 = await getTopicDetail("m10-hospital", "ar");
    expect(m10?.ancestors).toEqual([
      { slug: "aleppo", name: "حلب" },
      { slug: "east-aleppo", name: "شرق حلب" },
    ]);
    expect(m10?.name).toBe("M10 hospital");
    const aleppo = await getTopicDetail("aleppo", "en");
    expect(aleppo).toMatchObject({
      name: "Aleppo",
      names: { ar: "حلب", en: "Aleppo", de: "Aleppo" },
      children: [{ slug: "east-aleppo", statementCount: 0 }],
    });
    const loop = await getTopicDetail("loop-a", "en");
    expect(loop?.ancestors.map((a) => a.slug)).toEqual(["loop-b"]);
    expect(loop?.children.map((c) => c.slug)).toEqual(["loop-b"]);
    expect(await getTopicDetail("nope", "en")).toBeNull();
  });

  it("lists a topic's published statements newest first, undated last, paginated", async () => {
    const first = await topicStatements(ids.aleppo!, 1, 5);
    expect(first[0]?.id).toBe(ids.newest);
    expect(first[0]?.saidOn?.iso).toBe("2017-02-03");
    const all = [];
    for (let page = 1; page <= 3; page++) all.push(...(await topicStatements(ids.aleppo!, page, 5)));
    expect(all).toHaveLength(13);
    expect(new Set(all.map((s) => s.id)).size).toBe(13);
    expect(all.some((s) => s.id === ids.draft)).toBe(false);
    expect(all[all.length - 1]?.id).toBe(ids.undated);
    expect(all[all.length - 1]?.saidOn).toBeNull();
    // Pages that start past the dated ones, and page sizes that split them anywhere, give the same order.
    for (const size of [1, 2, 3, 4, 6, 12, 13, 20]) {
      const paged = [];
      for (let page = 1; page <= Math.ceil(13 / size); page++)
        paged.push(...(await topicStatements(ids.aleppo!, page, size)));
      expect(
        paged.map((s) => s.id),
        `page size ${size}`,
      ).toEqual(all.map((s) => s.id));
    }
    expect(await topicStatements(ids.aleppo!, 4, 5)).toEqual([]);
  });

  it("counts statements, the speakers involved and the timeline in one pass", async () => {
    const stats = await topicStatistics(ids.aleppo!);
    expect(stats.statementCount).toBe(13);
    // Demo: Shaam 2, activists 2, civil defence 1, health directorate 2, MSF 3, the envoy 1; and Merkel 2 (ours).
    expect(stats.speakerCount).toBe(7);
    expect(stats.topSpeakers[0]).toEqual({ slug: "msf", name: "Médecins Sans Frontières", count: 3 });
    expect(stats.topSpeakers.map((s) => s.count)).toEqual([3, 2, 2, 2, 2, 1, 1]);
    // Ties are in name order.
    expect(stats.topSpeakers.slice(1, 5).map((s) => s.slug)).toEqual([
      "activists",
      "aleppo-health-directorate",
      "angela-merkel",
      "shaam",
    ]);
    expect((await topicStatistics(ids.aleppo!, 2)).topSpeakers.map((s) => s.slug)).toEqual(["msf", "activists"]);
    expect(stats.timeline).toMatchObject({ granularity: "year", undated: 1 });
    if (stats.timeline.granularity !== "year") throw new Error("expected years");
    expect(stats.timeline.buckets.map((b) => [b.iso, b.count])).toEqual([
      ["2016", 11],
      ["2017", 1],
    ]);
    const empty = await topicStatistics(ids.hospitalM10!);
    expect(empty).toEqual({
      statementCount: 0,
      speakerCount: 0,
      topSpeakers: [],
      timeline: { granularity: "none", undated: 0 },
    });
  });
});

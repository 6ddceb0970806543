import "server-only";
import { getPool } from "@/lib/db/client";
import type { UiLocale } from "@/lib/i18n/config";
import { storedPartialDate, type PartialDate } from "@/lib/validation/partial-date";
import { cachedLoader } from "@/lib/cache/page-cache";

export type PublicTopic = {
  slug: string;
  name: string;
  names: { ar: string | null; en: string | null; de: string | null };
  parent: { slug: string; name: string } | null;
  statementCount: number;
};

/** The JSON API's topic (app/api/v1/topics/[slug]). */
async function readPublicTopic(slug: string): Promise<PublicTopic | null> {
  const result = await getPool().query(
    `SELECT t.slug, t.name, t.name_ar, t.name_en, t.name_de,
            CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('slug', p.slug, 'name', p.name) END AS parent,
            (SELECT count(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id
              WHERE st.topic_id = t.id AND s.status = 'published') AS statement_count
       FROM topics t LEFT JOIN topics p ON p.id = t.parent_id
      WHERE t.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    slug: row.slug,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    parent: row.parent,
    statementCount: Number(row.statement_count),
  };
}

/** readPublicTopic, from the page cache (lib/cache/page-cache.ts). */
export const getPublicTopic = cachedLoader("getPublicTopic", readPublicTopic, () => ["topics", "statements"]);

// ——— The reader's topic pages (/topics, /topics/[slug]) ———
// Names are given in the interface language when the topic has one, else the
// canonical name. Only published statements are counted and listed.

export const TOPIC_INDEX_PAGE_SIZE = 100;
export const TOPIC_STATEMENTS_PAGE_SIZE = 20;
export const TOPIC_SPEAKERS_SHOWN = 25;
/** How far up and down the topic tree the pages follow parents (a guard against a cycle of parents). */
const MAX_TREE_DEPTH = 8;

/** SQL for a topic's name in the interface language; only these two fixed strings are ever interpolated. */
function nameColumn(locale: UiLocale, alias: string): string {
  return locale === "ar" ? `coalesce(${alias}.name_ar, ${alias}.name)` : `coalesce(${alias}.name_en, ${alias}.name)`;
}

export type TopicRef = { slug: string; name: string };

export type TopicTreeNode = TopicRef & { statementCount: number; children: TopicTreeNode[] };

/**
 * The top-level topics of the index: those without a parent, and — so that
 * every topic is listed somewhere — any topic not reachable from one within
 * MAX_TREE_DEPTH levels (a cycle of parents, which nothing in the schema
 * forbids, or a very deep branch).
 */
const INDEX_ROOTS = `
  reachable AS (
    SELECT t.id, 0 AS depth FROM topics t WHERE t.parent_id IS NULL
    UNION ALL
    SELECT c.id, r.depth + 1 FROM topics c JOIN reachable r ON c.parent_id = r.id WHERE r.depth < ${MAX_TREE_DEPTH}
  ),
  index_roots AS (
    SELECT t.* FROM topics t WHERE t.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM reachable r WHERE r.id = t.id)
  )`;

/**
 * One page of the topic index: top-level topics in name order, each with its
 * subtopics (and theirs) nested below, and statement counts.
 */
async function readTopicTreePage(
  locale: UiLocale,
  page: number,
): Promise<{ roots: TopicTreeNode[]; rootCount: number; topicCount: number }> {
  const pool = getPool();
  const totals = await pool.query<{ roots: string; topics: string }>(
    `WITH RECURSIVE ${INDEX_ROOTS}
     SELECT (SELECT count(*) FROM index_roots) AS roots, (SELECT count(*) FROM topics) AS topics`,
  );
  const rootCount = Number(totals.rows[0]?.roots ?? 0);
  const topicCount = Number(totals.rows[0]?.topics ?? 0);
  const result = await pool.query<{
    id: number;
    parent_id: number | null;
    slug: string;
    name: string;
    depth: number;
    statement_count: string;
  }>(
    `WITH RECURSIVE ${INDEX_ROOTS},
     roots AS (
       SELECT t.id FROM index_roots t ORDER BY lower(${nameColumn(locale, "t")}), t.id LIMIT $1 OFFSET $2
     ), tree AS (
       SELECT r.id, NULL::int AS parent_id, 0 AS depth, ARRAY[r.id] AS path FROM roots r
       UNION ALL
       SELECT c.id, c.parent_id, tree.depth + 1, tree.path || c.id
         FROM topics c JOIN tree ON c.parent_id = tree.id
        WHERE tree.depth < $3 AND NOT c.id = ANY(tree.path)
     )
     SELECT tree.id, tree.parent_id, tree.depth, t.slug, ${nameColumn(locale, "t")} AS name,
            (SELECT count(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id
              WHERE st.topic_id = tree.id AND s.status = 'published') AS statement_count
       FROM tree JOIN topics t ON t.id = tree.id
      ORDER BY tree.depth, lower(${nameColumn(locale, "t")}), t.id`,
    [TOPIC_INDEX_PAGE_SIZE, (page - 1) * TOPIC_INDEX_PAGE_SIZE, MAX_TREE_DEPTH],
  );
  const nodes = new Map<number, TopicTreeNode>();
  const roots: TopicTreeNode[] = [];
  for (const row of result.rows) {
    // A topic reached twice (a root of its own and, through a cycle, another's child) is shown once.
    if (nodes.has(row.id)) continue;
    const node: TopicTreeNode = {
      slug: row.slug,
      name: row.name,
      statementCount: Number(row.statement_count),
      children: [],
    };
    nodes.set(row.id, node);
    const parent = row.parent_id === null ? undefined : nodes.get(row.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, rootCount, topicCount };
}

/** readTopicTreePage, from the page cache (lib/cache/page-cache.ts). */
export const topicTreePage = cachedLoader("topicTreePage", readTopicTreePage, () => ["topics", "statements"]);

export type TopicDetail = {
  id: number;
  slug: string;
  /** In the interface language when the topic has a name in it, else canonical. */
  name: string;
  canonicalName: string;
  names: { ar: string | null; en: string | null; de: string | null };
  /** From the top-level topic down to the parent. */
  ancestors: TopicRef[];
  children: Array<TopicRef & { statementCount: number }>;
};

/** A topic with its names, ancestors and subtopics (statement counts come with topicStatistics). */
async function readTopicDetail(slug: string, locale: UiLocale): Promise<TopicDetail | null> {
  const pool = getPool();
  const result = await pool.query(
    `SELECT t.id, t.slug, t.name, t.name_ar, t.name_en, t.name_de, t.parent_id, ${nameColumn(locale, "t")} AS display_name
       FROM topics t WHERE t.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  const [ancestors, children] = await Promise.all([
    row.parent_id === null
      ? Promise.resolve({ rows: [] as Array<{ slug: string; name: string }> })
      : pool.query<{ slug: string; name: string }>(
          `WITH RECURSIVE up AS (
             SELECT p.id, p.parent_id, 1 AS depth, ARRAY[$1::int, p.id] AS path FROM topics p WHERE p.id = $2
             UNION ALL
             SELECT p.id, p.parent_id, up.depth + 1, up.path || p.id
               FROM topics p JOIN up ON p.id = up.parent_id
              WHERE up.depth < $3 AND NOT p.id = ANY(up.path)
           )
           SELECT t.slug, ${nameColumn(locale, "t")} AS name FROM up JOIN topics t ON t.id = up.id ORDER BY up.depth DESC`,
          [row.id, row.parent_id, MAX_TREE_DEPTH],
        ),
    pool.query<{ slug: string; name: string; statement_count: string }>(
      `SELECT c.slug, ${nameColumn(locale, "c")} AS name,
              (SELECT count(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id
                WHERE st.topic_id = c.id AND s.status = 'published') AS statement_count
         FROM topics c WHERE c.parent_id = $1 AND c.id <> $1
        ORDER BY lower(${nameColumn(locale, "c")}), c.id LIMIT 500`,
      [row.id],
    ),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    name: row.display_name,
    canonicalName: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    ancestors: ancestors.rows,
    children: children.rows.map((c) => ({ slug: c.slug, name: c.name, statementCount: Number(c.statement_count) })),
  };
}

/** readTopicDetail, from the page cache (lib/cache/page-cache.ts). */
export const getTopicDetail = cachedLoader("getTopicDetail", readTopicDetail, (topic) => [
  "topics",
  ...(topic ? [`t:${topic.id}`] : []),
]);

export type TopicStatistics = {
  statementCount: number;
  speakerCount: number;
  /** The speakers with the most statements on the topic, most first (then by name). */
  topSpeakers: Array<{ slug: string; name: string; count: number }>;
  timeline: Timeline;
};

/**
 * Counts of a topic's published statements — in all, per speaker and per
 * period — in one pass over its statements (GROUPING SETS), so a topic with
 * 120,000 statements is read once, not once per figure.
 */
async function readTopicStatistics(topicId: number, speakersShown = TOPIC_SPEAKERS_SHOWN): Promise<TopicStatistics> {
  const pool = getPool();
  const result = await pool.query<{
    period_row: number;
    speaker_id: number | null;
    year: number | null;
    month: number | null;
    count: string;
  }>(
    `SELECT GROUPING(r.speaker_id) AS period_row, r.speaker_id, r.year, r.month, count(*) AS count
       FROM (SELECT s.speaker_id, extract(year FROM s.said_on)::int AS year,
                    CASE WHEN s.said_on_precision = 'year' THEN NULL ELSE extract(month FROM s.said_on)::int END AS month
               FROM statement_topics st JOIN statements s ON s.id = st.statement_id
              WHERE st.topic_id = $1 AND s.status = 'published') r
      GROUP BY GROUPING SETS ((r.speaker_id), (r.year, r.month))`,
    [topicId],
  );
  const perSpeaker: Array<{ id: number; count: number }> = [];
  const periods: TimelineRow[] = [];
  for (const row of result.rows) {
    if (Number(row.period_row) === 1) periods.push({ year: row.year, month: row.month, count: Number(row.count) });
    else perSpeaker.push({ id: row.speaker_id!, count: Number(row.count) });
  }
  perSpeaker.sort((a, b) => b.count - a.count || a.id - b.id);
  // A few more than shown, so that ties at the cut are settled by name.
  const candidates = perSpeaker.slice(0, speakersShown * 2);
  const names = candidates.length
    ? await pool.query<{ id: number; slug: string; name: string }>(
        `SELECT id, slug, name FROM speakers WHERE id = ANY($1::int[])`,
        [candidates.map((c) => c.id)],
      )
    : { rows: [] };
  const byId = new Map(names.rows.map((row) => [row.id, row]));
  const topSpeakers = candidates
    .flatMap((c) => {
      const speaker = byId.get(c.id);
      return speaker ? [{ slug: speaker.slug, name: speaker.name, count: c.count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
    .slice(0, speakersShown);
  return {
    statementCount: perSpeaker.reduce((sum, s) => sum + s.count, 0),
    speakerCount: perSpeaker.length,
    topSpeakers,
    timeline: buildTimeline(periods),
  };
}

/** readTopicStatistics, from the page cache (lib/cache/page-cache.ts). */
export const topicStatistics = cachedLoader("topicStatistics", readTopicStatistics, (_value, topicId) => [
  `t:${topicId}`,
  "speakers",
]);

export type TopicStatement = {
  id: number;
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speaker: { slug: string; name: string };
  saidOn: PartialDate | null;
  saidOnApproximate: boolean;
};

function topicStatementFromRow(row: Record<string, unknown>): TopicStatement {
  return {
    id: row.id as number,
    text: row.text as string,
    language: row.language as string,
    kind: row.kind as TopicStatement["kind"],
    speaker: row.speaker as TopicStatement["speaker"],
    saidOn: storedPartialDate(row.said_on as string | null, row.said_on_precision as string | null),
    saidOnApproximate: row.said_on_approximate as boolean,
  };
}

const TOPIC_STATEMENT_COLUMNS = `s.id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision, s.said_on_approximate,
            json_build_object('slug', sp.slug, 'name', sp.name) AS speaker`;

/**
 * One page of a topic's published statements, newest first (by date said),
 * ties by id, the undated ones last. The dated ones are read in the order of
 * statements_said_on_idx, so the first pages of a topic with 120,000
 * statements take a walk down that index rather than a sort of all of them.
 */
async function readTopicStatements(
  topicId: number,
  page: number,
  pageSize = TOPIC_STATEMENTS_PAGE_SIZE,
): Promise<TopicStatement[]> {
  const pool = getPool();
  const offset = (page - 1) * pageSize;
  const dated = await pool.query(
    `SELECT ${TOPIC_STATEMENT_COLUMNS}
       FROM statement_topics st JOIN statements s ON s.id = st.statement_id JOIN speakers sp ON sp.id = s.speaker_id
      WHERE st.topic_id = $1 AND s.status = 'published' AND s.said_on IS NOT NULL
      ORDER BY s.said_on DESC, s.id DESC
      LIMIT $2 OFFSET $3`,
    [topicId, pageSize, offset],
  );
  if (dated.rows.length === pageSize) return dated.rows.map(topicStatementFromRow);
  // The dated statements end on this page (or before it): the undated ones follow.
  let datedTotal = offset + dated.rows.length;
  if (dated.rows.length === 0) {
    const count = await pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM statement_topics st JOIN statements s ON s.id = st.statement_id
        WHERE st.topic_id = $1 AND s.status = 'published' AND s.said_on IS NOT NULL`,
      [topicId],
    );
    datedTotal = Number(count.rows[0]?.count ?? 0);
  }
  const undated = await pool.query(
    `SELECT ${TOPIC_STATEMENT_COLUMNS}
       FROM statement_topics st JOIN statements s ON s.id = st.statement_id JOIN speakers sp ON sp.id = s.speaker_id
      WHERE st.topic_id = $1 AND s.status = 'published' AND s.said_on IS NULL
      ORDER BY s.id DESC
      LIMIT $2 OFFSET $3`,
    [topicId, pageSize - dated.rows.length, Math.max(0, offset - datedTotal)],
  );
  return [...dated.rows, ...undated.rows].map(topicStatementFromRow);
}

/** readTopicStatements, from the page cache (lib/cache/page-cache.ts). */
export const topicStatements = cachedLoader("topicStatements", readTopicStatements, (_value, topicId) => [
  `t:${topicId}`,
  "speakers",
]);

export type TimelineBucket = {
  /** "2016" or "2016-11": the period, as a date page address. */
  iso: string;
  year: number;
  month: number | null;
  count: number;
};

export type Timeline =
  | { granularity: "month"; year: number; buckets: TimelineBucket[]; yearOnly: number; undated: number }
  | { granularity: "year"; buckets: TimelineBucket[]; undated: number }
  | { granularity: "none"; undated: number };

type TimelineRow = { year: number | null; month: number | null; count: number };

/**
 * Builds the timeline from counts per (year, month) — month null for statements
 * known only to the year, year null for undated ones. All in one year: per month,
 * with "known only to the year" apart (they belong to no month). Otherwise per
 * year, every year from the first to the last (empty years included, so the
 * spacing is honest).
 */
export function buildTimeline(rows: TimelineRow[]): Timeline {
  let undated = 0;
  const perYear = new Map<number, number>();
  for (const row of rows) {
    if (row.year === null) undated += row.count;
    else perYear.set(row.year, (perYear.get(row.year) ?? 0) + row.count);
  }
  const years = [...perYear.keys()].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return { granularity: "none", undated };
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  if (first === last) {
    const perMonth = new Map<number, number>();
    let yearOnly = 0;
    for (const row of rows) {
      if (row.year === null) continue;
      if (row.month === null) yearOnly += row.count;
      else perMonth.set(row.month, (perMonth.get(row.month) ?? 0) + row.count);
    }
    const buckets = Array.from({ length: 12 }, (_, i) => ({
      iso: `${pad(first, 4)}-${pad(i + 1, 2)}`,
      year: first,
      month: i + 1,
      count: perMonth.get(i + 1) ?? 0,
    }));
    return { granularity: "month", year: first, buckets, yearOnly, undated };
  }
  const buckets: TimelineBucket[] = [];
  for (let year = first; year <= last; year++)
    buckets.push({ iso: pad(year, 4), year, month: null, count: perYear.get(year) ?? 0 });
  return { granularity: "year", buckets, undated };
}

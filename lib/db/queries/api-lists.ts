import "server-only";
import type {
  StatementListFilters,
  StatementListQuery,
  StatementPosition,
  SpeakerListApiQuery,
  TopicListApiQuery,
} from "@/lib/validation/list-query";
import { getPool } from "@/lib/db/client";
import { nameFilterKey, type PublicSpeaker } from "@/lib/db/queries/speakers";
import {
  PUBLIC_STATEMENT_COLUMNS,
  publicStatementFields,
  type PublicStatementFields,
} from "@/lib/db/queries/statements";
import type { PublicTopic } from "@/lib/db/queries/topics";

// The paged lists of the public JSON API, read from Postgres (they keep working
// when Meilisearch is down). Pages are cut by keyset — "after this (date, id)",
// never OFFSET — so the page after 100,000 rows costs what the first one does.
// Items have the field names and shapes of the one-item endpoints.

/** A statement in the list: the fields of /api/v1/statements/{id} except the linked statements. */
export type ApiStatementListItem = PublicStatementFields;

export type Page<T, P> = { items: T[]; last: P | null };

class Sql {
  readonly values: unknown[] = [];
  readonly where: string[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** WHERE terms of the statement filters (the search API's, read from Postgres). */
function statementFilters(sql: Sql, filters: StatementListFilters): void {
  sql.where.push(`s.status = ANY(${sql.param(filters.statuses)}::text[])`);
  if (filters.q !== "") sql.where.push(`strpos(lower(s.text), lower(${sql.param(filters.q)})) > 0`);
  if (filters.speakers.length > 0)
    sql.where.push(
      `s.speaker_id IN (SELECT sp.id FROM speakers sp WHERE sp.slug = ANY(${sql.param(filters.speakers)}::text[]))`,
    );
  if (filters.topics.length > 0) {
    sql.where.push(
      `EXISTS (SELECT 1 FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id AND t.slug = ANY(${sql.param(filters.topics)}::text[]))`,
    );
  }
  if (filters.languages.length > 0) sql.where.push(`s.language = ANY(${sql.param(filters.languages)}::text[])`);
  if (filters.kinds.length > 0) sql.where.push(`s.kind = ANY(${sql.param(filters.kinds)}::text[])`);
  if (filters.years.length > 0)
    sql.where.push(`extract(year FROM s.said_on)::int = ANY(${sql.param(filters.years)}::int[])`);
  // As in search: a statement is in a date range when the period it may have
  // been said in overlaps the range (a month-precision statement is in a range
  // inside its month). Day numbers count from 1970-01-01.
  if (filters.to !== null) sql.where.push(`s.said_on <= DATE '1970-01-01' + ${sql.param(filters.to)}::int`);
  if (filters.from !== null) {
    const from = `DATE '1970-01-01' + ${sql.param(filters.from)}::int`;
    sql.where.push(
      `s.said_on > ${from} - 366 AND (CASE s.said_on_precision WHEN 'day' THEN s.said_on
         WHEN 'month' THEN (s.said_on + interval '1 month' - interval '1 day')::date
         ELSE (s.said_on + interval '1 year' - interval '1 day')::date END) >= ${from}`,
    );
  }
}

type PositionRow = { id: number; said_on: string | null };

/**
 * The positions (date said, id) of one page of statements, plus one more to
 * tell whether a next page exists. In the date orders, dated statements come
 * first and the undated ones after them (by id): two keyset ranges, each a
 * range scan of an index on (said_on, id).
 */
async function pagePositions(query: StatementListQuery): Promise<PositionRow[]> {
  const want = query.limit + 1;
  const after = query.after;
  const run = async (range: "dated" | "undated" | "all", limit: number): Promise<PositionRow[]> => {
    const sql = new Sql();
    statementFilters(sql, query.filters);
    let order: string;
    if (query.sort === "id") {
      if (after) sql.where.push(`s.id > ${sql.param(after.id)}`);
      order = "s.id";
    } else {
      const desc = query.sort === "newest";
      const cmp = desc ? "<" : ">";
      if (range === "dated") {
        sql.where.push("s.said_on IS NOT NULL");
        if (after?.saidOn)
          sql.where.push(`(s.said_on, s.id) ${cmp} (${sql.param(after.saidOn)}::date, ${sql.param(after.id)})`);
        order = desc ? "s.said_on DESC, s.id DESC" : "s.said_on, s.id";
      } else {
        sql.where.push("s.said_on IS NULL");
        if (after && after.saidOn === null) sql.where.push(`s.id ${cmp} ${sql.param(after.id)}`);
        order = desc ? "s.id DESC" : "s.id";
      }
    }
    const { rows } = await getPool().query<PositionRow>(
      `SELECT s.id, s.said_on::text AS said_on FROM statements s WHERE ${sql.where.join(" AND ")} ORDER BY ${order} LIMIT ${sql.param(limit)}`,
      sql.values,
    );
    return rows;
  };
  if (query.sort === "id") return run("all", want);
  const rows = after && after.saidOn === null ? [] : await run("dated", want);
  if (rows.length < want) rows.push(...(await run("undated", want - rows.length)));
  return rows;
}

/** One page of published and retracted statements (never drafts) and the position of its last item. */
export async function listStatementsPage(
  query: StatementListQuery,
): Promise<Page<ApiStatementListItem, StatementPosition>> {
  const positions = await pagePositions(query);
  const more = positions.length > query.limit;
  const shown = positions.slice(0, query.limit);
  if (shown.length === 0) return { items: [], last: null };
  const items = await statementsByIds(shown.map((p) => p.id));
  const lastRow = shown[shown.length - 1]!;
  return { items, last: more ? { saidOn: lastRow.said_on, id: lastRow.id } : null };
}

/**
 * The statements of the given ids, in that order, as the list shows them
 * (drafts left out). Each row's speaker, topics and sources are looked up by
 * index (a join would have the planner hash all speakers for 100 rows).
 */
async function statementsByIds(ids: number[]): Promise<ApiStatementListItem[]> {
  const { rows } = await getPool().query(
    `SELECT ${PUBLIC_STATEMENT_COLUMNS} FROM statements s WHERE s.id = ANY($1::int[]) AND s.status IN ('published', 'retracted')`,
    [ids],
  );
  const byId = new Map<number, ApiStatementListItem>(rows.map((row) => [row.id as number, publicStatementFields(row)]));
  // A statement turned into a draft between the two reads is simply left out.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ——— Speakers ———

/** Escapes LIKE's wildcards in a literal. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of speakers in slug order, each as /api/v1/speakers/{slug} gives it.
 * `q` matches the beginning of any name or alias, or of a word in one, in any
 * script and however it is written (the lookup keys of speaker_names).
 */
export async function listSpeakersPage(query: SpeakerListApiQuery): Promise<Page<PublicSpeaker, string>> {
  const sql = new Sql();
  if (query.q.trim() !== "") {
    const key = nameFilterKey(query.q.trim());
    // No letter or digit: nothing can match.
    if (key === null) return { items: [], last: null };
    const prefix = sql.param(`${likeLiteral(key)}%`);
    const wordPrefix = sql.param(`%-${likeLiteral(key)}%`);
    sql.where.push(
      `EXISTS (SELECT 1 FROM speaker_names n WHERE n.speaker_id = sp.id AND (n.normalized LIKE ${prefix} OR n.normalized LIKE ${wordPrefix}))`,
    );
  }
  if (query.kinds.length > 0) sql.where.push(`sp.kind = ANY(${sql.param(query.kinds)}::text[])`);
  if (query.afterSlug !== null) sql.where.push(`sp.slug > ${sql.param(query.afterSlug)}`);
  const { rows } = await getPool().query(
    `SELECT sp.slug, sp.kind, sp.name, sp.name_ar, sp.name_en, sp.name_de, sp.aliases, sp.role,
            coalesce(aff.name, sp.affiliation) AS affiliation, sp.country, sp.wikidata_id, sp.description,
            (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published') AS statement_count
       FROM (SELECT * FROM speakers sp ${sql.where.length > 0 ? `WHERE ${sql.where.join(" AND ")}` : ""}
              ORDER BY sp.slug LIMIT ${sql.param(query.limit + 1)}) sp
       LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      ORDER BY sp.slug`,
    sql.values,
  );
  const items: PublicSpeaker[] = rows.slice(0, query.limit).map((row) => ({
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    aliases: row.aliases,
    role: row.role,
    affiliation: row.affiliation,
    country: row.country,
    wikidataId: row.wikidata_id,
    description: row.description,
    statementCount: Number(row.statement_count),
  }));
  return { items, last: rows.length > query.limit ? items[items.length - 1]!.slug : null };
}

// ——— Topics ———

/** One page of topics in slug order, each as /api/v1/topics/{slug} gives it (with its parent and count). */
export async function listTopicsPage(query: TopicListApiQuery): Promise<Page<PublicTopic, string>> {
  const { rows } = await getPool().query(
    `SELECT t.slug, t.name, t.name_ar, t.name_en, t.name_de,
            CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('slug', p.slug, 'name', p.name) END AS parent,
            coalesce(c.n, 0) AS statement_count
       FROM (SELECT * FROM topics WHERE $1::text IS NULL OR slug > $1 ORDER BY slug LIMIT $2) t
       LEFT JOIN topics p ON p.id = t.parent_id
       LEFT JOIN LATERAL (SELECT count(*) AS n FROM statement_topics st JOIN statements s ON s.id = st.statement_id
                           WHERE st.topic_id = t.id AND s.status = 'published') c ON true
      ORDER BY t.slug`,
    [query.afterSlug, query.limit + 1],
  );
  const items: PublicTopic[] = rows.slice(0, query.limit).map((row) => ({
    slug: row.slug,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    parent: row.parent,
    statementCount: Number(row.statement_count),
  }));
  return { items, last: rows.length > query.limit ? items[items.length - 1]!.slug : null };
}

// ——— Dates ———

export type ApiDay = { day: number; date: string; count: number };
export type ApiMonth = { month: number; date: string; count: number; days: ApiDay[] };
export type ApiYear = { year: number; date: string; count: number; months: ApiMonth[] };
export type ApiDates = { years: ApiYear[]; undated: number };

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * The dates that have published statements, as the date pages count them: a
 * year counts every statement said in it; a month those known at least to the
 * month; a day those known to the day. One year only when `year` is given.
 * `undated` counts the published statements of unknown date (always all of them).
 */
export async function statementDates(year: number | null): Promise<ApiDates> {
  const range = year === null ? null : [`${pad(year, 4)}-01-01`, `${pad(year, 4)}-12-31`];
  const [dated, undated] = await Promise.all([
    getPool().query<{ said_on: string; precision: "day" | "month" | "year"; count: string }>(
      `SELECT d.said_on::text AS said_on, d.precision, d.count
         FROM (SELECT s.said_on, s.said_on_precision AS precision, count(*) AS count
                 FROM statements s
                WHERE s.status = 'published' AND s.said_on IS NOT NULL
                  AND ($1::date IS NULL OR s.said_on BETWEEN $1::date AND $2::date)
                GROUP BY s.said_on, s.said_on_precision) d
        ORDER BY d.said_on`,
      [range?.[0] ?? null, range?.[1] ?? null],
    ),
    getPool().query<{ count: string }>(
      `SELECT count(*) AS count FROM statements WHERE status = 'published' AND said_on IS NULL`,
    ),
  ]);
  const years = new Map<number, ApiYear>();
  for (const row of dated.rows) {
    const [y, m, d] = row.said_on.split("-").map(Number) as [number, number, number];
    const count = Number(row.count);
    let yearEntry = years.get(y);
    if (!yearEntry) years.set(y, (yearEntry = { year: y, date: pad(y, 4), count: 0, months: [] }));
    yearEntry.count += count;
    if (row.precision === "year") continue;
    let monthEntry = yearEntry.months.find((entry) => entry.month === m);
    if (!monthEntry)
      yearEntry.months.push((monthEntry = { month: m, date: `${pad(y, 4)}-${pad(m, 2)}`, count: 0, days: [] }));
    monthEntry.count += count;
    if (row.precision === "day") monthEntry.days.push({ day: d, date: row.said_on, count });
  }
  const sorted = [...years.values()].sort((a, b) => a.year - b.year);
  for (const entry of sorted) {
    entry.months.sort((a, b) => a.month - b.month);
    for (const month of entry.months) month.days.sort((a, b) => a.day - b.day);
  }
  return { years: sorted, undated: Number(undated.rows[0]?.count ?? 0) };
}

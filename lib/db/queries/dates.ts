import "server-only";
import { getPool } from "@/lib/db/client";
import {
  partialDateFromStorage,
  parsePartialDate,
  toDayNumber,
  type DatePrecision,
  type PartialDate,
} from "@/lib/validation/partial-date";
import { cachedLoader } from "@/lib/cache/page-cache";

// Public reads for the date pages (/dates, /dates/YYYY, /dates/YYYY-MM,
// /dates/YYYY-MM-DD). A statement is stored with the first day of its period
// and the precision it is known to, and it is listed only where that precision
// allows: a statement known only to November 2016 is on the month's and the
// year's pages, never on a day's. Every list is paginated in SQL.

export const DATE_PAGE_SIZE = 20;
/** Page numbers beyond this are refused (a 404), so no one asks Postgres for OFFSET 10^9. */
export const MAX_PAGE = 100_000;

/** The precisions a page of each granularity lists, finest first (the order of its sections). */
export const PRECISIONS_LISTED: Record<DatePrecision, readonly DatePrecision[]> = {
  year: ["day", "month", "year"],
  month: ["day", "month"],
  day: ["day"],
};

export type PrecisionCounts = Record<DatePrecision, number>;

export type DatedStatement = {
  id: number;
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speaker: { slug: string; name: string };
  saidOn: PartialDate;
  saidOnApproximate: boolean;
};

/** The date of /dates/[date]: exactly YYYY, YYYY-MM or YYYY-MM-DD, a real date, years 1000–2999; null otherwise. */
export function parseDateParam(raw: string): PartialDate | null {
  return parsePartialDate(raw);
}

/**
 * The `page` parameter of a paginated page: absent means 1; a whole number from
 * 1 to MAX_PAGE written in ASCII digits is that page; anything else (0, -1, 2.5,
 * "abc", given twice) is null, which the page answers with a 404.
 */
export function parsePageParam(raw: string | string[] | undefined): number | null {
  if (raw === undefined) return 1;
  if (Array.isArray(raw)) return null;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  const page = Number(raw);
  return page <= MAX_PAGE ? page : null;
}

/** Number of pages for a total (at least 1, so an empty list still has its first page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** 0 = Sunday … 6 = Saturday, by arithmetic on the proleptic Gregorian calendar (no time zones involved). */
export function weekday(isoDay: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(isoDay) + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return Number(
    partialDateFromStorage(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`, "month").end.slice(
      8,
    ),
  );
}

/**
 * The weeks of a month as rows of seven cells (day of the month, or null for
 * the days of the neighbouring months), starting on `weekStartsOn` (0 = Sunday,
 * 1 = Monday, 6 = Saturday).
 */
export function monthGrid(year: number, month: number, weekStartsOn: number): Array<Array<number | null>> {
  const first = weekday(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`);
  const lead = (first - weekStartsOn + 7) % 7;
  const cells: Array<number | null> = Array.from({ length: lead }, () => null);
  const days = daysInMonth(year, month);
  for (let day = 1; day <= days; day++) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<number | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * Where each precision's section starts in a page's ordered list (finest first),
 * so the summary can link to the page on which a section begins.
 */
export function sectionStartPages(
  date: PartialDate,
  counts: PrecisionCounts,
  pageSize: number,
): Partial<Record<DatePrecision, number>> {
  const starts: Partial<Record<DatePrecision, number>> = {};
  let offset = 0;
  for (const precision of PRECISIONS_LISTED[date.precision]) {
    if (counts[precision] > 0) starts[precision] = Math.floor(offset / pageSize) + 1;
    offset += counts[precision];
  }
  return starts;
}

/** The PartialDate of the given granularity that contains a stored day. */
function truncate(isoDay: string, precision: DatePrecision): PartialDate {
  return partialDateFromStorage(isoDay, precision);
}

/** How many published statements a date's page lists, per precision (0 for precisions it does not list). */
async function readCountStatementsOn(date: PartialDate): Promise<PrecisionCounts> {
  const listed = PRECISIONS_LISTED[date.precision];
  const result = await getPool().query<{ precision: DatePrecision; count: string }>(
    `SELECT s.said_on_precision AS precision, count(*) AS count
       FROM statements s
      WHERE s.status = 'published' AND s.said_on BETWEEN $1::date AND $2::date AND s.said_on_precision = ANY($3::text[])
      GROUP BY s.said_on_precision`,
    [date.start, date.end, listed],
  );
  const counts: PrecisionCounts = { day: 0, month: 0, year: 0 };
  for (const row of result.rows) counts[row.precision] = Number(row.count);
  return counts;
}

/** readCountStatementsOn, from the page cache (lib/cache/page-cache.ts). */
export const countStatementsOn = cachedLoader("countStatementsOn", readCountStatementsOn, (_value, date) => [
  `y:${date.start.slice(0, 4)}`,
  "speakers",
  "topics",
]);

/**
 * One page of a date's statements: known to the day first (in date order), then
 * known only to the month, then known only to the year; ties by id.
 */
async function readStatementsOn(
  date: PartialDate,
  options: { page: number; pageSize?: number },
): Promise<DatedStatement[]> {
  const pageSize = options.pageSize ?? DATE_PAGE_SIZE;
  const result = await getPool().query(
    `SELECT s.id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision, s.said_on_approximate,
            json_build_object('slug', sp.slug, 'name', sp.name) AS speaker
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.status = 'published' AND s.said_on BETWEEN $1::date AND $2::date AND s.said_on_precision = ANY($3::text[])
      ORDER BY CASE s.said_on_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, s.said_on, s.id
      LIMIT $4 OFFSET $5`,
    [date.start, date.end, PRECISIONS_LISTED[date.precision], pageSize, (options.page - 1) * pageSize],
  );
  return result.rows.map((row) => ({
    id: row.id,
    text: row.text,
    language: row.language,
    kind: row.kind,
    speaker: row.speaker,
    saidOn: partialDateFromStorage(row.said_on, row.said_on_precision),
    saidOnApproximate: row.said_on_approximate,
  }));
}

/** readStatementsOn, from the page cache (lib/cache/page-cache.ts). */
export const statementsOn = cachedLoader("statementsOn", readStatementsOn, (_value, date) => [
  `y:${date.start.slice(0, 4)}`,
  "speakers",
  "topics",
]);

/**
 * The nearest dates of the same granularity, before and after, that have
 * statements their page would list: the nearest said_on outside the period
 * (index statements_said_on_idx), among statements known at least that precisely.
 */
async function readNeighbouringDates(
  date: PartialDate,
): Promise<{ previous: PartialDate | null; next: PartialDate | null }> {
  const listed = PRECISIONS_LISTED[date.precision];
  const result = await getPool().query<{ previous: string | null; next: string | null }>(
    `SELECT (SELECT s.said_on::text FROM statements s
              WHERE s.said_on < $1::date AND s.status = 'published' AND s.said_on_precision = ANY($3::text[])
              ORDER BY s.said_on DESC LIMIT 1) AS previous,
            (SELECT s.said_on::text FROM statements s
              WHERE s.said_on > $2::date AND s.status = 'published' AND s.said_on_precision = ANY($3::text[])
              ORDER BY s.said_on LIMIT 1) AS next`,
    [date.start, date.end, listed],
  );
  const row = result.rows[0];
  return {
    previous: row?.previous ? truncate(row.previous, date.precision) : null,
    next: row?.next ? truncate(row.next, date.precision) : null,
  };
}

/** readNeighbouringDates, from the page cache (lib/cache/page-cache.ts). */
export const neighbouringDates = cachedLoader("neighbouringDates", readNeighbouringDates, () => ["statements"]);

/**
 * Statements of the enclosing periods that this page does not list because they
 * are known less precisely: on a day's page, those known only to its month and
 * only to its year; on a month's page, those known only to its year.
 */
async function readLessPreciseAround(date: PartialDate): Promise<{ month: number; year: number }> {
  if (date.precision === "year") return { month: 0, year: 0 };
  const year = date.start.slice(0, 4);
  const month = date.start.slice(0, 7);
  const result = await getPool().query<{ month: string; year: string }>(
    `SELECT count(*) FILTER (WHERE s.said_on_precision = 'month' AND s.said_on = $1::date) AS month,
            count(*) FILTER (WHERE s.said_on_precision = 'year') AS year
       FROM statements s
      WHERE s.status = 'published' AND s.said_on_precision IN ('month', 'year') AND s.said_on BETWEEN $2::date AND $3::date`,
    [`${month}-01`, `${year}-01-01`, `${year}-12-31`],
  );
  const row = result.rows[0];
  return { month: date.precision === "day" ? Number(row?.month ?? 0) : 0, year: Number(row?.year ?? 0) };
}

/** readLessPreciseAround, from the page cache (lib/cache/page-cache.ts). */
export const lessPreciseAround = cachedLoader("lessPreciseAround", readLessPreciseAround, () => ["statements"]);

/** Years that have statements, oldest first, with how many (of every precision). */
async function readYearsWithStatements(): Promise<Array<{ year: number; count: number }>> {
  const result = await getPool().query<{ year: number; count: string }>(
    `SELECT extract(year FROM s.said_on)::int AS year, count(*) AS count
       FROM statements s
      WHERE s.status = 'published' AND s.said_on IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
  );
  return result.rows.map((row) => ({ year: row.year, count: Number(row.count) }));
}

/** readYearsWithStatements, from the page cache (lib/cache/page-cache.ts). */
export const yearsWithStatements = cachedLoader("yearsWithStatements", readYearsWithStatements, () => ["statements"]);

async function readUndatedStatementCount(): Promise<number> {
  const result = await getPool().query<{ count: string }>(
    `SELECT count(*) AS count FROM statements WHERE status = 'published' AND said_on IS NULL`,
  );
  return Number(result.rows[0]?.count ?? 0);
}

/** readUndatedStatementCount, from the page cache (lib/cache/page-cache.ts). */
export const undatedStatementCount = cachedLoader("undatedStatementCount", readUndatedStatementCount, () => [
  "statements",
]);

/** For a year's page: statements per month (known to the day or to the month), months 1–12 that have any. */
async function readMonthsOfYear(year: number): Promise<Map<number, number>> {
  const y = String(year).padStart(4, "0");
  const result = await getPool().query<{ month: number; count: string }>(
    `SELECT extract(month FROM s.said_on)::int AS month, count(*) AS count
       FROM statements s
      WHERE s.status = 'published' AND s.said_on BETWEEN $1::date AND $2::date AND s.said_on_precision IN ('day', 'month')
      GROUP BY 1`,
    [`${y}-01-01`, `${y}-12-31`],
  );
  return new Map(result.rows.map((row) => [row.month, Number(row.count)]));
}

/** readMonthsOfYear, from the page cache (lib/cache/page-cache.ts). */
export const monthsOfYear = cachedLoader("monthsOfYear", readMonthsOfYear, (_value, year) => [`y:${year}`]);

/** For a month's calendar: statements known to the day, per day of the month. */
async function readDaysOfMonth(year: number, month: number): Promise<Map<number, number>> {
  const monthDate = partialDateFromStorage(
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`,
    "month",
  );
  const result = await getPool().query<{ day: number; count: string }>(
    `SELECT extract(day FROM s.said_on)::int AS day, count(*) AS count
       FROM statements s
      WHERE s.status = 'published' AND s.said_on BETWEEN $1::date AND $2::date AND s.said_on_precision = 'day'
      GROUP BY 1`,
    [monthDate.start, monthDate.end],
  );
  return new Map(result.rows.map((row) => [row.day, Number(row.count)]));
}

/** readDaysOfMonth, from the page cache (lib/cache/page-cache.ts). */
export const daysOfMonth = cachedLoader("daysOfMonth", readDaysOfMonth, (_value, year) => [`y:${year}`]);

import "server-only";
import { getPool } from "@/lib/db/client";
import type { UiLocale } from "@/lib/i18n/config";
import { nameKey } from "@/lib/text/name-key";
import { partialDateFromStorage, type PartialDate } from "@/lib/validation/partial-date";
import { cachedLoader } from "@/lib/cache/page-cache";

// Public reads of speakers: plain objects with chosen columns. Statements are
// counted and listed only when published.

export const SPEAKER_KINDS = ["person", "organization", "group"] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export function isSpeakerKind(value: unknown): value is SpeakerKind {
  return typeof value === "string" && (SPEAKER_KINDS as readonly string[]).includes(value);
}

type NameColumns = { ar: string | null; en: string | null; de: string | null };

export type PublicSpeaker = {
  slug: string;
  kind: string;
  name: string;
  names: NameColumns;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  country: string | null;
  wikidataId: string | null;
  description: string | null;
  statementCount: number;
};

/** The speaker as the JSON API returns it (app/api/v1/speakers/[slug]). */
async function readPublicSpeaker(slug: string): Promise<PublicSpeaker | null> {
  const result = await getPool().query(
    `SELECT sp.slug, sp.kind, sp.name, sp.name_ar, sp.name_en, sp.name_de, sp.aliases, sp.role,
            coalesce(aff.name, sp.affiliation) AS affiliation, sp.country, sp.wikidata_id, sp.description,
            (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published') AS statement_count
       FROM speakers sp LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      WHERE sp.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
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
  };
}

/** readPublicSpeaker, from the page cache (lib/cache/page-cache.ts). */
export const getPublicSpeaker = cachedLoader("getPublicSpeaker", readPublicSpeaker, () => ["speakers", "statements"]);

// ---------------------------------------------------------------------------
// Names: which one to show, and in which script it is written.

/** A name to display and the language it is in, when known (for the lang attribute). */
export type DisplayName = { text: string; lang: "ar" | "en" | "de" | null };

/**
 * The speaker's name in the interface language when they have one; otherwise
 * their canonical name, tagged with the language whose name it equals.
 */
export function preferredName(speaker: { name: string; names: NameColumns }, locale: UiLocale): DisplayName {
  const own = speaker.names[locale];
  if (own) return { text: own, lang: locale };
  const lang = (["en", "ar", "de"] as const).find((l) => speaker.names[l] === speaker.name) ?? null;
  return { text: speaker.name, lang };
}

export type NameScript = "arabic" | "latin" | "other";

// The same ranges as SCRIPT_SQL below: the Arabic blocks (with presentation
// forms) and Latin (Basic, Latin-1, Extended-A/B, Extended Additional).
const ARABIC_RANGES = "\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF";
const LATIN_RANGES = "A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF";
const FIRST_ARABIC = new RegExp(`^[^${ARABIC_RANGES}${LATIN_RANGES}]*[${ARABIC_RANGES}]`);
const FIRST_LATIN = new RegExp(`^[^${ARABIC_RANGES}${LATIN_RANGES}]*[${LATIN_RANGES}]`);

/**
 * The script a name is sorted under: that of its first Arabic or Latin letter
 * (leading digits, quotes and punctuation are skipped); "other" when it has
 * neither (Cyrillic, Chinese, …). Mirrors the SQL that orders the index.
 */
export function nameScript(name: string): NameScript {
  if (FIRST_ARABIC.test(name)) return "arabic";
  if (FIRST_LATIN.test(name)) return "latin";
  return "other";
}

function scriptSql(expression: string): string {
  return `CASE WHEN ${expression} ~ '${FIRST_ARABIC.source}' THEN 'arabic' WHEN ${expression} ~ '${FIRST_LATIN.source}' THEN 'latin' ELSE 'other' END`;
}

/**
 * Orders names as Intl.Collator would, one collator per script: the interface
 * language's script first (Arabic names first, in Arabic order, when the
 * interface is Arabic), then the other one, then any other script.
 */
export function compareNames(locale: UiLocale): (a: string, b: string) => number {
  const collators = {
    arabic: new Intl.Collator("ar"),
    latin: new Intl.Collator("en"),
    other: new Intl.Collator("und"),
  };
  const rank = scriptRank(locale);
  return (a, b) => {
    const sa = nameScript(a);
    const sb = nameScript(b);
    if (sa !== sb) return rank[sa] - rank[sb];
    return collators[sa].compare(a, b);
  };
}

function scriptRank(locale: UiLocale): Record<NameScript, number> {
  return locale === "ar" ? { arabic: 0, latin: 1, other: 2 } : { latin: 0, arabic: 1, other: 2 };
}

// ICU collations are the same CLDR rules as Intl.Collator. A Postgres built
// without ICU has none; then the database's own collation has to do.
let icuAvailable: Promise<boolean> | undefined;

function hasIcuCollations(): Promise<boolean> {
  icuAvailable ??= getPool()
    .query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_collation WHERE collname IN ('ar-x-icu', 'en-x-icu', 'und-x-icu')`,
    )
    .then((r) => Number(r.rows[0]?.n) === 3)
    .catch((error: unknown) => {
      icuAvailable = undefined;
      throw error;
    });
  return icuAvailable;
}

/** ORDER BY terms over columns `script` and `display` of `alias`, then slug (unique) as the last tie-breaker. */
function nameOrder(alias: string, locale: UiLocale, icu: boolean): string {
  const rank = scriptRank(locale);
  const byScript = `CASE ${alias}.script WHEN 'arabic' THEN ${rank.arabic} WHEN 'latin' THEN ${rank.latin} ELSE ${rank.other} END`;
  if (!icu) return `${byScript}, ${alias}.display, ${alias}.slug`;
  return [
    byScript,
    `CASE WHEN ${alias}.script = 'arabic' THEN ${alias}.display END COLLATE "ar-x-icu"`,
    `CASE WHEN ${alias}.script = 'latin' THEN ${alias}.display END COLLATE "en-x-icu"`,
    `${alias}.display COLLATE "und-x-icu"`,
    `${alias}.slug COLLATE "C"`,
  ].join(", ");
}

/** SQL of the column holding the name in an interface language (a fixed list: never user input). */
function nameColumn(locale: UiLocale): "name_ar" | "name_en" {
  return locale === "ar" ? "name_ar" : "name_en";
}

function displaySql(alias: string, locale: UiLocale): { display: string; lang: string } {
  const column = `${alias}.${nameColumn(locale)}`;
  return {
    display: `coalesce(${column}, ${alias}.name)`,
    lang: `CASE WHEN ${column} IS NOT NULL THEN '${locale}' WHEN ${alias}.name = ${alias}.name_en THEN 'en'
                WHEN ${alias}.name = ${alias}.name_ar THEN 'ar' WHEN ${alias}.name = ${alias}.name_de THEN 'de' END`,
  };
}

// ---------------------------------------------------------------------------
// The index of speakers.

export const SPEAKER_INDEX_LIMITS = { perPage: 50, nameMaxLength: 100, maxPage: 100_000 } as const;

export type SpeakerListQuery = {
  locale: UiLocale;
  kind: SpeakerKind | null;
  /** A part of any name or alias, in any script ("merkel", «ميركل»); "" for all. */
  name: string;
  page: number;
  perPage: number;
};

export type SpeakerListItem = {
  slug: string;
  kind: SpeakerKind;
  name: DisplayName;
  role: string | null;
  statementCount: number;
};

export type SpeakerList = {
  items: SpeakerListItem[];
  /** Speakers matching the name filter and the kind filter. */
  total: number;
  /** Speakers of each kind matching the name filter (for the kind filter's links). */
  kinds: Record<SpeakerKind, number>;
  page: number;
  perPage: number;
  totalPages: number;
};

/** The lookup key of a name filter, or null when it has no letter or digit to match. */
export function nameFilterKey(name: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(name)) return null;
  return nameKey(name);
}

/**
 * One page of speakers ordered by name (see compareNames), each with their
 * number of published statements. Sorted and cut in SQL: only one page is read,
 * and statements are counted for that page's speakers only.
 */
export async function listSpeakers(query: SpeakerListQuery): Promise<SpeakerList> {
  const pool = getPool();
  const icu = await hasIcuCollations();
  const filter = query.name.trim();
  const key = filter === "" ? null : nameFilterKey(filter);
  // A filter without any letter or digit cannot match any name.
  const noMatch = filter !== "" && key === null;
  const nameWhere = `NOT $2::boolean AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM speaker_names n WHERE n.speaker_id = sp.id AND strpos(n.normalized, $1) > 0))`;
  const { display, lang } = displaySql("sp", query.locale);
  const order = (alias: string) => nameOrder(alias, query.locale, icu);

  const [counts, rows] = await Promise.all([
    pool.query<{ kind: string; n: string }>(
      `SELECT sp.kind, count(*) AS n FROM speakers sp WHERE ${nameWhere} GROUP BY sp.kind`,
      [key, noMatch],
    ),
    pool.query(
      `SELECT p.slug, p.kind, p.display, p.lang, p.role,
              (SELECT count(*) FROM statements s WHERE s.speaker_id = p.id AND s.status = 'published') AS statement_count
         FROM (SELECT q.* FROM (SELECT sp.id, sp.slug, sp.kind, sp.role, d.display, d.lang, ${scriptSql("d.display")} AS script
                                  FROM speakers sp CROSS JOIN LATERAL (SELECT ${display} AS display, ${lang} AS lang) d
                                 WHERE ${nameWhere} AND ($3::text IS NULL OR sp.kind = $3)) q
                ORDER BY ${order("q")} LIMIT $4 OFFSET $5) p
        ORDER BY ${order("p")}`,
      [key, noMatch, query.kind, query.perPage, (query.page - 1) * query.perPage],
    ),
  ]);
  const kinds: Record<SpeakerKind, number> = { person: 0, organization: 0, group: 0 };
  for (const row of counts.rows) if (isSpeakerKind(row.kind)) kinds[row.kind] = Number(row.n);
  const total = query.kind ? kinds[query.kind] : kinds.person + kinds.organization + kinds.group;
  return {
    items: rows.rows.map((row): SpeakerListItem => ({
      slug: row.slug,
      kind: row.kind,
      name: { text: row.display, lang: row.lang },
      role: row.role,
      statementCount: Number(row.statement_count),
    })),
    total,
    kinds,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.max(1, Math.ceil(total / query.perPage)),
  };
}

// ---------------------------------------------------------------------------
// One speaker's page.

export type SpeakerProfile = {
  id: number;
  slug: string;
  kind: SpeakerKind;
  name: string;
  names: NameColumns;
  aliases: string[];
  role: string | null;
  /** An affiliation speaker (linked) or the affiliation as written. */
  affiliation: { name: string; names: NameColumns; slug: string | null } | null;
  country: string | null;
  wikidataId: string | null;
  description: string | null;
  statementCount: number;
  updatedAt: string;
};

async function readSpeakerProfile(slug: string): Promise<SpeakerProfile | null> {
  const result = await getPool().query(
    `SELECT sp.id, sp.slug, sp.kind, sp.name, sp.name_ar, sp.name_en, sp.name_de, sp.aliases, sp.role,
            sp.affiliation, aff.slug AS affiliation_slug, aff.name AS affiliation_name,
            aff.name_ar AS affiliation_name_ar, aff.name_en AS affiliation_name_en, aff.name_de AS affiliation_name_de,
            sp.country, sp.wikidata_id, sp.description, sp.updated_at,
            (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published') AS statement_count
       FROM speakers sp LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      WHERE sp.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  const affiliation = row.affiliation_slug
    ? {
        name: row.affiliation_name as string,
        names: { ar: row.affiliation_name_ar, en: row.affiliation_name_en, de: row.affiliation_name_de },
        slug: row.affiliation_slug as string,
      }
    : row.affiliation
      ? { name: row.affiliation as string, names: { ar: null, en: null, de: null }, slug: null }
      : null;
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    aliases: row.aliases,
    role: row.role,
    affiliation,
    country: row.country,
    wikidataId: row.wikidata_id,
    description: row.description,
    statementCount: Number(row.statement_count),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** readSpeakerProfile, from the page cache (lib/cache/page-cache.ts). */
export const getSpeakerProfile = cachedLoader("getSpeakerProfile", readSpeakerProfile, (speaker) => [
  "speakers",
  ...(speaker ? [`p:${speaker.id}`] : []),
]);

export type SpeakerTopic = { slug: string; name: DisplayName; count: number };

/** The topics of the speaker's published statements, most frequent first, and how many topics there are in all. */
async function readSpeakerTopics(
  speakerId: number,
  locale: UiLocale,
  limit: number,
): Promise<{ topics: SpeakerTopic[]; total: number }> {
  const { display, lang } = displaySql("t", locale);
  const icu = await hasIcuCollations();
  const result = await getPool().query(
    `SELECT t.slug, ${display} AS display, ${lang} AS lang, count(*) AS n, count(*) OVER () AS topic_count
       FROM statements s JOIN statement_topics st ON st.statement_id = s.id JOIN topics t ON t.id = st.topic_id
      WHERE s.speaker_id = $1 AND s.status = 'published'
      GROUP BY t.id
      ORDER BY count(*) DESC, ${display}${icu ? ` COLLATE "${locale === "ar" ? "ar" : "en"}-x-icu"` : ""}, t.slug
      LIMIT $2`,
    [speakerId, limit],
  );
  return {
    topics: result.rows.map((row) => ({
      slug: row.slug,
      name: { text: row.display, lang: row.lang },
      count: Number(row.n),
    })),
    total: Number(result.rows[0]?.topic_count ?? 0),
  };
}

/** readSpeakerTopics, from the page cache (lib/cache/page-cache.ts). */
export const speakerTopics = cachedLoader("speakerTopics", readSpeakerTopics, (_value, speakerId) => [
  `p:${speakerId}`,
  "topics",
]);

// ---------------------------------------------------------------------------
// Statements over time, for the speaker's chart.

export type ActivityCounts = {
  /** Published statements dated to a month or a day, per month ("2016-11"). */
  months: Array<{ month: string; count: number }>;
  /** Published statements dated only to a year, per year. */
  years: Array<{ year: number; count: number }>;
  undated: number;
};

async function readSpeakerActivityCounts(speakerId: number): Promise<ActivityCounts> {
  const result = await getPool().query<{ period: string | null; precision: string | null; n: string }>(
    `SELECT CASE WHEN said_on IS NULL THEN NULL WHEN said_on_precision = 'year' THEN to_char(said_on, 'YYYY') ELSE to_char(said_on, 'YYYY-MM') END AS period,
            CASE WHEN said_on_precision = 'year' THEN 'year' WHEN said_on IS NULL THEN NULL ELSE 'month' END AS precision,
            count(*) AS n
       FROM statements
      WHERE speaker_id = $1 AND status = 'published'
      GROUP BY 1, 2`,
    [speakerId],
  );
  const counts: ActivityCounts = { months: [], years: [], undated: 0 };
  for (const row of result.rows) {
    if (row.period === null) counts.undated += Number(row.n);
    else if (row.precision === "year") counts.years.push({ year: Number(row.period), count: Number(row.n) });
    else counts.months.push({ month: row.period, count: Number(row.n) });
  }
  return counts;
}

/** readSpeakerActivityCounts, from the page cache (lib/cache/page-cache.ts). */
export const speakerActivityCounts = cachedLoader(
  "speakerActivityCounts",
  readSpeakerActivityCounts,
  (_value, speakerId) => [`p:${speakerId}`],
);

export type ActivityUnit = "month" | "year" | "decade";

export type ActivityBucket = {
  /** "2016-11", "2016" or "2010s". */
  key: string;
  /** First and last period of the bucket (the same for months and years). */
  from: PartialDate;
  to: PartialDate;
  count: number;
};

export type SpeakerActivity = {
  unit: ActivityUnit;
  /** Every period from the first to the last, empty ones included. */
  buckets: ActivityBucket[];
  /** Statements counted in the buckets. */
  charted: number;
  /** Statements dated only to a year, left out of a chart by month. */
  yearOnly: number;
  undated: number;
  /** The first bucket with the highest count (null when nothing is charted). */
  peak: ActivityBucket | null;
};

/** A chart by month shows at most this many months; a longer span is shown by year. */
export const MONTHLY_MAX_SPAN = 48;
/** …and a span longer than this many years by decade. */
export const YEARLY_MAX_SPAN = 100;

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

/**
 * Buckets the counts for a chart. By month when the statements dated to a month
 * span at most MONTHLY_MAX_SPAN months and no statement dated only to a year
 * falls outside those years (the few inside are reported beside the chart);
 * otherwise by year, every dated statement included, or by decade beyond
 * YEARLY_MAX_SPAN years. Every period from the first to the last is a bucket,
 * empty ones included, so the chart's gaps are real.
 */
export function bucketActivity(counts: ActivityCounts): SpeakerActivity {
  const months = counts.months
    .map(({ month, count }) => ({ index: Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1, count }))
    .filter((m) => Number.isInteger(m.index) && m.count > 0);
  const years = counts.years.filter((y) => Number.isInteger(y.year) && y.count > 0);
  const yearOnly = years.reduce((sum, y) => sum + y.count, 0);
  const base = { charted: 0, yearOnly: 0, undated: counts.undated, peak: null };

  if (months.length > 0) {
    const first = Math.min(...months.map((m) => m.index));
    const last = Math.max(...months.map((m) => m.index));
    const span = last - first + 1;
    const yearsInside = years.every((y) => y.year >= Math.floor(first / 12) && y.year <= Math.floor(last / 12));
    if (span <= MONTHLY_MAX_SPAN && yearsInside) {
      const perMonth = new Map<number, number>();
      for (const m of months) perMonth.set(m.index, (perMonth.get(m.index) ?? 0) + m.count);
      const buckets: ActivityBucket[] = [];
      for (let index = first; index <= last; index++) {
        const key = `${pad4(Math.floor(index / 12))}-${pad2((index % 12) + 1)}`;
        const date = partialDateFromStorage(`${key}-01`, "month");
        buckets.push({ key, from: date, to: date, count: perMonth.get(index) ?? 0 });
      }
      return finish({ ...base, unit: "month", buckets, yearOnly });
    }
  }

  const perYear = new Map<number, number>();
  const add = (year: number, count: number) => perYear.set(year, (perYear.get(year) ?? 0) + count);
  for (const m of months) add(Math.floor(m.index / 12), m.count);
  for (const y of years) add(y.year, y.count);
  if (perYear.size === 0) return { ...base, unit: "month", buckets: [] };
  const firstYear = Math.min(...perYear.keys());
  const lastYear = Math.max(...perYear.keys());
  const yearDate = (year: number) => partialDateFromStorage(`${pad4(year)}-01-01`, "year");
  const buckets: ActivityBucket[] = [];
  if (lastYear - firstYear + 1 <= YEARLY_MAX_SPAN) {
    for (let year = firstYear; year <= lastYear; year++)
      buckets.push({ key: pad4(year), from: yearDate(year), to: yearDate(year), count: perYear.get(year) ?? 0 });
    return finish({ ...base, unit: "year", buckets });
  }
  for (let decade = Math.floor(firstYear / 10) * 10; decade <= lastYear; decade += 10) {
    let count = 0;
    for (let year = decade; year < decade + 10; year++) count += perYear.get(year) ?? 0;
    buckets.push({ key: `${pad4(decade)}s`, from: yearDate(decade), to: yearDate(Math.min(decade + 9, 2999)), count });
  }
  return finish({ ...base, unit: "decade", buckets });
}

function finish(activity: SpeakerActivity): SpeakerActivity {
  let peak: ActivityBucket | null = null;
  let charted = 0;
  for (const bucket of activity.buckets) {
    charted += bucket.count;
    if (bucket.count > 0 && (peak === null || bucket.count > peak.count)) peak = bucket;
  }
  return { ...activity, charted, peak };
}

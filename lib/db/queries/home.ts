import "server-only";
import { staleWhileRevalidate } from "@/lib/cache/stale-while-revalidate";
import { getPool } from "@/lib/db/client";
import type { UiLocale } from "@/lib/i18n/config";
import { storedPartialDate } from "@/lib/validation/partial-date";
import type { StatementSummary } from "./statements";
import { cachedLoader } from "@/lib/cache/page-cache";

// The home page's reads: totals, the latest statements and the most active
// speakers and topics, counting published statements only. Names are given in
// the interface language when the speaker or topic has one, else the canonical name.

export type HomeTotals = { statements: number; speakers: number; topics: number };
export type RankedEntry = { slug: string; name: string; statements: number };

// The totals and rankings count over every published statement (about 0.3 s at
// 135k, seconds at a million): they are kept for a minute and refreshed in the
// background, so no reader waits for them after the first. The latest
// statements stay live (an index scan).
const AGGREGATES_MAX_AGE_MS = 60_000;
const totalsCache = staleWhileRevalidate<HomeTotals>(AGGREGATES_MAX_AGE_MS);
const rankingCache = staleWhileRevalidate<RankedEntry[]>(AGGREGATES_MAX_AGE_MS);

/** The name column for the interface language; a fixed identifier, never user input. */
function nameColumn(alias: string, locale: UiLocale): string {
  return `coalesce(${alias}.${locale === "ar" ? "name_ar" : "name_en"}, ${alias}.name)`;
}

export function homeTotals(): Promise<HomeTotals> {
  return totalsCache("totals", countTotals);
}

async function countTotals(): Promise<HomeTotals> {
  const result = await getPool().query<{ statements: string; speakers: string; topics: string }>(
    `SELECT (SELECT count(*) FROM statements WHERE status = 'published') AS statements,
            (SELECT count(DISTINCT speaker_id) FROM statements WHERE status = 'published') AS speakers,
            (SELECT count(DISTINCT st.topic_id) FROM statement_topics st
               JOIN statements s ON s.id = st.statement_id WHERE s.status = 'published') AS topics`,
  );
  const row = result.rows[0]!;
  return { statements: Number(row.statements), speakers: Number(row.speakers), topics: Number(row.topics) };
}

/** The most recently said published statements (by date said, then newest id). */
async function readHomeLatestStatements(locale: UiLocale, limit: number): Promise<StatementSummary[]> {
  const result = await getPool().query(
    `SELECT s.id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision,
            sp.slug AS speaker_slug, ${nameColumn("sp", locale)} AS speaker_name
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.status = 'published'
      ORDER BY s.said_on DESC NULLS LAST, s.id DESC
      LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => ({
    id: row.id,
    text: row.text,
    language: row.language,
    kind: row.kind,
    speaker: { slug: row.speaker_slug, name: row.speaker_name },
    saidOn: storedPartialDate(row.said_on, row.said_on_precision),
  }));
}

/** readHomeLatestStatements, from the page cache (lib/cache/page-cache.ts). */
export const homeLatestStatements = cachedLoader("homeLatestStatements", readHomeLatestStatements, () => [
  "statements",
  "speakers",
]);

export function mostActiveSpeakers(locale: UiLocale, limit: number): Promise<RankedEntry[]> {
  return rankingCache(`speakers:${locale}:${limit}`, () => rankSpeakers(locale, limit));
}

async function rankSpeakers(locale: UiLocale, limit: number): Promise<RankedEntry[]> {
  const result = await getPool().query<{ slug: string; name: string; statements: string }>(
    `SELECT sp.slug, ${nameColumn("sp", locale)} AS name, c.statements
       FROM (SELECT speaker_id, count(*) AS statements FROM statements WHERE status = 'published'
              GROUP BY speaker_id ORDER BY count(*) DESC, speaker_id LIMIT $1) c
       JOIN speakers sp ON sp.id = c.speaker_id
      ORDER BY c.statements DESC, name`,
    [limit],
  );
  return result.rows.map((row) => ({ slug: row.slug, name: row.name, statements: Number(row.statements) }));
}

export function mostActiveTopics(locale: UiLocale, limit: number): Promise<RankedEntry[]> {
  return rankingCache(`topics:${locale}:${limit}`, () => rankTopics(locale, limit));
}

async function rankTopics(locale: UiLocale, limit: number): Promise<RankedEntry[]> {
  const result = await getPool().query<{ slug: string; name: string; statements: string }>(
    `SELECT t.slug, ${nameColumn("t", locale)} AS name, c.statements
       FROM (SELECT st.topic_id, count(*) AS statements
               FROM statement_topics st JOIN statements s ON s.id = st.statement_id
              WHERE s.status = 'published'
              GROUP BY st.topic_id ORDER BY count(*) DESC, st.topic_id LIMIT $1) c
       JOIN topics t ON t.id = c.topic_id
      ORDER BY c.statements DESC, name`,
    [limit],
  );
  return result.rows.map((row) => ({ slug: row.slug, name: row.name, statements: Number(row.statements) }));
}

import { isDatabaseUnavailable } from "@/lib/errors";
import "server-only";
import { getPool } from "@/lib/db/client";
import { preferredName } from "@/lib/db/queries/speakers";
import { storedPartialDate } from "@/lib/validation/partial-date";
import type { UiLocale } from "@/lib/i18n/config";
import { speakerMessages } from "@/lib/i18n/messages/speakers";
import type { I18n } from "@/lib/i18n/server";
import type { PartialDate } from "@/lib/validation/partial-date";
import { ATOM_CONTENT_TYPE, absoluteUrl, excerpt, type AtomEntry } from "./atom";
import { cachedLoader } from "@/lib/cache/page-cache";

// The statements of the Atom feeds (all, one speaker's, one topic's) and their
// entries, built the same way for all three: the statement's address as the
// entry's permanent id, its last change as `updated`, its first publication as
// `published`, the speaker as author, the statement's language as xml:lang,
// and the text as plain-text content (escaped by lib/feeds/atom.ts).

/** The latest published statements in a feed, newest (by date said) first, as on the pages. */
export const FEED_SIZE = 50;

type NameColumns = { ar: string | null; en: string | null; de: string | null };

export type FeedStatement = {
  id: number;
  text: string;
  language: string;
  speaker: { slug: string; name: string; names: NameColumns };
  saidOn: PartialDate | null;
  createdAt: string;
  updatedAt: string;
  topics: Array<{ slug: string; name: string }>;
};

export type FeedScope = { speakerId?: number; topicId?: number };

const COLUMNS = `s.id, s.text, s.language, s.said_on::text AS said_on, s.said_on_precision, s.created_at, s.updated_at,
       json_build_object('slug', sp.slug, 'name', sp.name, 'names', json_build_object('ar', sp.name_ar, 'en', sp.name_en, 'de', sp.name_de)) AS speaker,
       coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.slug)
                   FROM statement_topics st2 JOIN topics t ON t.id = st2.topic_id WHERE st2.statement_id = s.id), '[]') AS topics`;

type Row = {
  id: number;
  text: string;
  language: string;
  said_on: string | null;
  said_on_precision: string | null;
  created_at: Date;
  updated_at: Date;
  speaker: FeedStatement["speaker"];
  topics: FeedStatement["topics"];
};

/**
 * The latest published statements of the scope: those with a date said first,
 * newest first (read down statements_said_on_idx rather than sorting them
 * all), then the undated ones by id, newest first.
 */
async function readFeedStatements(scope: FeedScope, limit = FEED_SIZE): Promise<FeedStatement[]> {
  const pool = getPool();
  const from =
    scope.topicId !== undefined ? `statement_topics st JOIN statements s ON s.id = st.statement_id` : `statements s`;
  const where = `s.status = 'published' AND ($1::int IS NULL OR s.speaker_id = $1) AND ($2::int IS NULL OR ${scope.topicId !== undefined ? "st.topic_id = $2" : "TRUE"})`;
  const params = [scope.speakerId ?? null, scope.topicId ?? null, limit];
  const dated = await pool.query<Row>(
    `SELECT ${COLUMNS} FROM ${from} JOIN speakers sp ON sp.id = s.speaker_id
      WHERE ${where} AND s.said_on IS NOT NULL ORDER BY s.said_on DESC, s.id DESC LIMIT $3`,
    params,
  );
  let rows = dated.rows;
  if (rows.length < limit) {
    const undated = await pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${from} JOIN speakers sp ON sp.id = s.speaker_id
        WHERE ${where} AND s.said_on IS NULL ORDER BY s.id DESC LIMIT $3`,
      [scope.speakerId ?? null, scope.topicId ?? null, limit - rows.length],
    );
    rows = [...rows, ...undated.rows];
  }
  return rows.map(feedStatementOf);
}

function feedStatementOf(row: Row): FeedStatement {
  return {
    id: row.id,
    text: row.text,
    language: row.language,
    speaker: row.speaker,
    saidOn: storedPartialDate(row.said_on, row.said_on_precision),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    topics: row.topics,
  };
}

/**
 * The published statements among `ids`, in the order of `ids` (a search's order). A statement the
 * index still holds after it was retracted or made a draft is left out.
 */
async function readFeedStatementsByIds(ids: number[]): Promise<FeedStatement[]> {
  if (ids.length === 0) return [];
  const { rows } = await getPool().query<Row>(
    `SELECT ${COLUMNS} FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.id = ANY($1::int[]) AND s.status = 'published'`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, feedStatementOf(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** readFeedStatementsByIds, from the page cache: dropped when any of the statements, a speaker's name or a topic's changes. */
export const feedStatementsByIds = cachedLoader("feedStatementsByIds", readFeedStatementsByIds, (_value, ids) => [
  ...ids.map((id) => `s:${id}`),
  "speakers",
  "topics",
]);

/** readFeedStatements, from the page cache (lib/cache/page-cache.ts). */
export const feedStatements = cachedLoader("feedStatements", readFeedStatements, (_value, scope) =>
  scope.speakerId !== undefined
    ? [`p:${scope.speakerId}`]
    : scope.topicId !== undefined
      ? [`t:${scope.topicId}`, "speakers"]
      : ["statements", "speakers"],
);

export type FeedTopic = { id: number; slug: string; name: string; updatedAt: string };

/** A topic by slug, named in the interface language when it has a name in it. */
async function readFeedTopic(slug: string, locale: UiLocale): Promise<FeedTopic | null> {
  const column = locale === "ar" ? "name_ar" : "name_en";
  const { rows } = await getPool().query<{ id: number; slug: string; name: string; updated_at: Date }>(
    `SELECT id, slug, coalesce(${column}, name) AS name, updated_at FROM topics WHERE slug = $1`,
    [slug],
  );
  const row = rows[0];
  return row ? { id: row.id, slug: row.slug, name: row.name, updatedAt: new Date(row.updated_at).toISOString() } : null;
}

/** readFeedTopic, from the page cache (lib/cache/page-cache.ts). */
export const getFeedTopic = cachedLoader("getFeedTopic", readFeedTopic, (topic) => [
  "topics",
  ...(topic ? [`t:${topic.id}`] : []),
]);

export type EntryContext = { origin: string; i18n: Pick<I18n, "locale" | "t" | "formatDate"> };

export function speakerPageUrl(origin: string, slug: string): string {
  return absoluteUrl(origin, `/speakers/${encodeURIComponent(slug)}`);
}

/**
 * One statement as an Atom entry. `withAuthor` names the speaker on the entry
 * (the site and topic feeds); a speaker's own feed names them once, on the feed.
 */
export function statementEntry(
  statement: FeedStatement,
  { origin, i18n }: EntryContext,
  withAuthor: boolean,
): AtomEntry {
  const tr = i18n.t(speakerMessages);
  const link = absoluteUrl(origin, `/statements/${statement.id}`);
  const name = preferredName(statement.speaker, i18n.locale).text;
  const short = excerpt(statement.text, 80);
  return {
    id: link,
    title: statement.saidOn
      ? tr("feedEntryTitle", { name, date: i18n.formatDate(statement.saidOn), excerpt: short })
      : tr("feedEntryTitleUndated", { name, excerpt: short }),
    updated: statement.updatedAt,
    published: statement.createdAt,
    lang: statement.language,
    link,
    ...(withAuthor ? { authors: [{ name, uri: speakerPageUrl(origin, statement.speaker.slug) }] } : {}),
    content: statement.text,
    categories: statement.topics.map((topic) => ({
      term: topic.slug,
      label: topic.name,
      scheme: absoluteUrl(origin, "/topics/"),
    })),
  };
}

/** The latest of some ISO timestamps. */
export function latestOf(values: string[]): string | undefined {
  return [...values].sort().at(-1);
}

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      "Content-Type": ATOM_CONTENT_TYPE,
      // No nonce in a feed, so a CDN may share it: briefly, and serving the last copy while it refetches.
      "Cache-Control": "public, max-age=60, s-maxage=30, stale-while-revalidate=300",
      // The feed's title and dates follow the reader's interface language.
      Vary: "Accept-Language, Cookie",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export function plainResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A feed that could not be built: 503 while Postgres is away, else a logged 500, both as plain text. */
export function feedFailure(error: unknown): Response {
  if (isDatabaseUnavailable(error))
    return plainResponse(503, "The database is unavailable right now; try again shortly.");
  console.error(error);
  return plainResponse(500, "Something went wrong on our side.");
}

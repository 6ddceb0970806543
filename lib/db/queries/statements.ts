import "server-only";
import { getPool } from "@/lib/db/client";
import { storedPartialDate, type PartialDate } from "@/lib/validation/partial-date";
import { cachedLoader } from "@/lib/cache/page-cache";
import { publicReview, REVIEW_JSON, REVIEW_ORDER, type PublicReview } from "@/lib/db/reviews";
import {
  firstReportedOn,
  publicReports,
  REPORT_JSON,
  REPORT_ORDER,
  type ReportSource,
  type StatementReport,
} from "@/lib/db/reports";

export { publicReports, REPORT_ORDER, type ReportSource, type StatementReport };

// Public reads of statements: plain objects with chosen columns. Drafts are
// never returned here; retracted statements are (their page shows the retraction).

export type StatementLink = { id: number; text: string; language: string; speaker: { slug: string; name: string } };

export type PublicStatement = {
  id: number;
  externalId: string | null;
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  status: "published" | "retracted";
  retractionReason: string | null;
  speaker: { slug: string; name: string; kind: string };
  saidOn: PartialDate | null;
  saidOnApproximate: boolean;
  reportedOn: PartialDate | null;
  context: string | null;
  attribution: string;
  attributionNote: string | null;
  translatedBy: string | null;
  topics: Array<{ slug: string; name: string }>;
  /** Every outlet that reported the statement, oldest first, each in its own wording (issue 15). */
  reports: StatementReport[];
  /** The earliest report's date, or null without dated reports. */
  firstReportedOn: PartialDate | null;
  /** The reports' sources, in the same order: what the API called `sources` before reports. */
  sources: ReportSource[];
  translationOf: StatementLink | null;
  translations: StatementLink[];
  respondsTo: StatementLink[];
  responses: StatementLink[];
  /** Fact-checks of the statement, newest first (lib/db/reviews.ts). */
  reviews: PublicReview[];
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** A public statement without its links to other statements: what the one-statement API and the list share. */
export type PublicStatementFields = Omit<
  PublicStatement,
  "translationOf" | "translations" | "respondsTo" | "responses" | "reviews"
>;

/** The columns publicStatementFields reads, for `SELECT … FROM statements s` (speaker, topics and sources by index). */
export const PUBLIC_STATEMENT_COLUMNS = `s.id, s.external_id, s.text, s.language, s.kind, s.status, s.retraction_reason,
            s.said_on::text AS said_on, s.said_on_precision, s.said_on_approximate,
            s.reported_on::text AS reported_on, s.reported_on_precision, s.context, s.attribution, s.attribution_note,
            s.translated_by, s.created_at, s.updated_at, s.version,
            (SELECT json_build_object('slug', sp.slug, 'name', sp.name, 'kind', sp.kind) FROM speakers sp WHERE sp.id = s.speaker_id) AS speaker,
            coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name)
                        FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id), '[]') AS topics,
            coalesce((SELECT json_agg(${REPORT_JSON} ORDER BY ${REPORT_ORDER})
                        FROM statement_reports r JOIN sources so ON so.id = r.source_id WHERE r.statement_id = s.id), '[]') AS reports`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row of PUBLIC_STATEMENT_COLUMNS
export function publicStatementFields(row: any): PublicStatementFields {
  const reports = publicReports(row.reports, row.text);
  return {
    id: row.id,
    externalId: row.external_id,
    text: row.text,
    language: row.language,
    kind: row.kind,
    status: row.status,
    retractionReason: row.retraction_reason,
    speaker: row.speaker,
    saidOn: storedPartialDate(row.said_on, row.said_on_precision),
    saidOnApproximate: row.said_on_approximate,
    reportedOn: storedPartialDate(row.reported_on, row.reported_on_precision),
    context: row.context,
    attribution: row.attribution,
    attributionNote: row.attribution_note,
    translatedBy: row.translated_by,
    topics: row.topics,
    reports,
    firstReportedOn: firstReportedOn(reports),
    sources: reports.map((report) => report.source),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

const LINK = `json_build_object('id', l.id, 'text', l.text, 'language', l.language,
                'speaker', json_build_object('slug', lsp.slug, 'name', lsp.name))`;

/**
 * The statements `ids` (a subquery) link to, as LINK objects in id order: links made to or from a statement
 * merged into this one show here, and a linked statement that was merged away shows as the one its merges
 * end at (migration 0014), each once and never this statement itself.
 */
const linkList = (ids: string, status: string) =>
  `coalesce((SELECT json_agg(${LINK} ORDER BY l.id)
               FROM (SELECT DISTINCT statement_merge_end(linked.id) AS id FROM (${ids}) AS linked(id)) e
               JOIN statements l ON l.id = e.id JOIN speakers lsp ON lsp.id = l.speaker_id
              WHERE l.id <> s.id AND l.status ${status}), '[]')`;

async function readPublicStatement(id: number): Promise<PublicStatement | null> {
  const result = await getPool().query(
    `SELECT ${PUBLIC_STATEMENT_COLUMNS},
            (SELECT ${LINK} FROM statements l JOIN speakers lsp ON lsp.id = l.speaker_id
              WHERE l.id = statement_merge_end(s.translation_of_id) AND l.id <> s.id
                AND l.status IN ('published', 'retracted')) AS translation_of,
            ${linkList(`SELECT t.id FROM statements t WHERE t.translation_of_id = ANY(statement_merged_ids(s.id))`, "= 'published'")} AS translations,
            ${linkList(`SELECT r.responds_to_id FROM statement_responses r WHERE r.statement_id = ANY(statement_merged_ids(s.id))`, "IN ('published', 'retracted')")} AS responds_to,
            ${linkList(`SELECT r.statement_id FROM statement_responses r WHERE r.responds_to_id = ANY(statement_merged_ids(s.id))`, "= 'published'")} AS responses,
            coalesce((SELECT json_agg(${REVIEW_JSON} ORDER BY ${REVIEW_ORDER}) FROM statement_reviews r WHERE r.statement_id = s.id), '[]') AS reviews
       FROM statements s
      WHERE s.id = $1 AND s.status IN ('published', 'retracted')`,
    [id],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    ...publicStatementFields(row),
    translationOf: row.translation_of,
    translations: row.translations,
    respondsTo: row.responds_to,
    responses: row.responses,
    reviews: (row.reviews as Parameters<typeof publicReview>[0][]).map(publicReview),
  };
}

/** readPublicStatement, from the page cache (lib/cache/page-cache.ts). */
export const getPublicStatement = cachedLoader("getPublicStatement", readPublicStatement, (statement, id) =>
  statement
    ? [
        `s:${id}`,
        ...[
          statement.translationOf,
          ...statement.translations,
          ...statement.respondsTo,
          ...statement.responses,
        ].flatMap((link) => (link ? [`s:${link.id}`] : [])),
        "speakers",
        "topics",
      ]
    : [`s:${id}`],
);

export type StatementSummary = {
  id: number;
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speaker: { slug: string; name: string };
  saidOn: PartialDate | null;
};

/** The most recently said published statements (by date said, then by id), of one speaker when given. */
async function readLatestStatements(limit: number, speakerId?: number): Promise<StatementSummary[]> {
  const result = await getPool().query(
    `SELECT s.id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision,
            json_build_object('slug', sp.slug, 'name', sp.name) AS speaker
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.status = 'published' AND ($2::int IS NULL OR s.speaker_id = $2)
      ORDER BY s.said_on DESC NULLS LAST, s.id DESC LIMIT $1`,
    [limit, speakerId ?? null],
  );
  return result.rows.map((row) => ({
    id: row.id,
    text: row.text,
    language: row.language,
    kind: row.kind,
    speaker: row.speaker,
    saidOn: storedPartialDate(row.said_on, row.said_on_precision),
  }));
}

/** readLatestStatements, from the page cache (lib/cache/page-cache.ts). */
export const latestStatements = cachedLoader("latestStatements", readLatestStatements, (_value, _limit, speakerId) =>
  speakerId === undefined ? ["statements", "speakers"] : [`p:${speakerId}`],
);

import { createHash } from "node:crypto";
import type { Queryable } from "@/lib/db/client";
import { REPORT_ORDER } from "@/lib/db/reports";
import { normalizeForSearch } from "@/lib/text/arabic";
import { contentFieldFor } from "@/lib/search/settings";
import type { StatementDocument } from "@/lib/search/types";
import { storedPartialDate, toDayNumber, type DatePrecision } from "@/lib/validation/partial-date";

// Builds search documents from Postgres, the system of record. Used by the sync
// worker, the full reindex and check-index, so all three agree on what a
// statement's document is.

type Row = {
  id: number;
  external_id: string | null;
  text: string;
  language: string;
  kind: StatementDocument["kind"];
  said_on: string | null;
  said_on_precision: DatePrecision | null;
  version: number;
  speaker_id: number;
  speaker_slug: string;
  speaker_name: string;
  speaker_kind: string;
  speaker_names: string[];
  topics: Array<{ slug: string; names: Array<string | null> }>;
  outlet: string | null;
  report_count: number;
  reviewed: boolean;
};

const SELECT_DOCUMENTS = `
  SELECT s.id, s.external_id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision, s.version,
         sp.id AS speaker_id, sp.slug AS speaker_slug, sp.name AS speaker_name, sp.kind AS speaker_kind,
         array_remove(ARRAY[sp.name, sp.name_ar, sp.name_en, sp.name_de] || sp.aliases, NULL) AS speaker_names,
         coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'names', json_build_array(t.name, t.name_ar, t.name_en, t.name_de)) ORDER BY t.slug)
                   FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id), '[]'::json) AS topics,
         -- The first report's source by its key: as a join, the planner may read all of sources for each
         -- statement while the tables have no statistics yet (a fresh bulk import: 787M rows read for 120k).
         (SELECT so.outlet FROM sources so WHERE so.id = (SELECT r.source_id FROM statement_reports r
           WHERE r.statement_id = s.id ORDER BY ${REPORT_ORDER} LIMIT 1)) AS outlet,
         (SELECT count(*)::int FROM statement_reports r WHERE r.statement_id = s.id) AS report_count,
         EXISTS (SELECT 1 FROM statement_reviews r WHERE r.statement_id = s.id) AS reviewed
    FROM statements s JOIN speakers sp ON sp.id = s.speaker_id`;

function unique(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== ""))];
}

export function toDocument(row: Row): StatementDocument {
  const saidOn = storedPartialDate(row.said_on, row.said_on_precision);
  const names = unique(row.speaker_names);
  const doc: Omit<StatementDocument, "fingerprint"> = {
    id: row.id,
    externalId: row.external_id,
    text: row.text,
    [contentFieldFor(row.language)]: normalizeForSearch(row.text),
    language: row.language,
    kind: row.kind,
    speakerId: row.speaker_id,
    speakerSlug: row.speaker_slug,
    speakerName: row.speaker_name,
    speakerKind: row.speaker_kind,
    // Original and normalised forms, so «ميركل», «مِيركِل» and "Merkel" all find her.
    speakerNames: unique([...names, ...names.map(normalizeForSearch)]),
    topics: row.topics.map((t) => t.slug),
    topicNames: unique(row.topics.flatMap((t) => t.names)),
    saidOn: saidOn?.iso ?? null,
    saidOnPrecision: saidOn?.precision ?? null,
    saidOnStart: saidOn ? toDayNumber(saidOn.start) : null,
    saidOnEnd: saidOn ? toDayNumber(saidOn.end) : null,
    year: saidOn ? Number(saidOn.start.slice(0, 4)) : null,
    // The outlet of the first report (oldest first), and how many outlets reported it.
    outlet: row.outlet,
    reportCount: row.report_count,
    // Only when true, so that the documents of statements without reviews (nearly all) keep their fingerprints.
    ...(row.reviewed ? { reviewed: true as const } : {}),
    version: row.version,
  };
  const fingerprint = createHash("sha256").update(JSON.stringify(doc)).digest("base64url").slice(0, 22);
  return { ...doc, fingerprint };
}

/** Documents of the given statements that are published (others are absent from the result). */
export async function loadDocuments(db: Queryable, ids: number[]): Promise<StatementDocument[]> {
  if (ids.length === 0) return [];
  const result = await db.query<Row>(`${SELECT_DOCUMENTS} WHERE s.id = ANY($1::int[]) AND s.status = 'published'`, [
    ids,
  ]);
  return result.rows.map(toDocument);
}

/** All published statements' documents in id order, a page at a time (keyset pagination). */
export async function* allDocuments(db: Queryable, pageSize = 5_000): AsyncGenerator<StatementDocument[]> {
  let after = 0;
  for (;;) {
    const result = await db.query<Row>(
      `${SELECT_DOCUMENTS} WHERE s.status = 'published' AND s.id > $1 ORDER BY s.id LIMIT $2`,
      [after, pageSize],
    );
    if (result.rows.length === 0) return;
    yield result.rows.map(toDocument);
    after = result.rows[result.rows.length - 1]!.id;
  }
}

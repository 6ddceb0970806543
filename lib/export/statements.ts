import type { Queryable } from "@/lib/db/client";
import { REPORT_JSON, REPORT_ORDER, storedReports, type ReportRow, type StoredReport } from "@/lib/db/reports";
import { publicReview, REVIEW_JSON, REVIEW_ORDER, type PublicReview } from "@/lib/db/reviews";
import { storedPartialDate, type DatePrecision, type PartialDate } from "@/lib/validation/partial-date";

// The statements of a search result as exports write them (CSV, JSON Lines in
// the import format): read from Postgres, the system of record, by id, in the
// order the search gave. Only published statements: the index holds nothing
// else, and one retracted since it was indexed is left out.

export type ExportStatement = {
  id: number;
  externalId: string | null;
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speaker: {
    slug: string;
    name: string;
    kind: "person" | "organization" | "group";
    role: string | null;
    affiliation: string | null;
    /** Aliases as stored plus the names in each language that differ from `name`. */
    aliases: string[];
    wikidataId: string | null;
  };
  saidOn: PartialDate | null;
  saidOnApproximate: boolean;
  /** By slug; each with its canonical name. */
  topics: Array<{ slug: string; name: string }>;
  /** Every report, oldest first (undated last), as the API orders them: the first one's outlet is the one search shows. */
  reports: StoredReport[];
  context: string | null;
  attribution: string;
  /** Fact-check reviews, newest first. */
  reviews: PublicReview[];
};

type Row = {
  id: number;
  external_id: string | null;
  text: string;
  language: string;
  kind: ExportStatement["kind"];
  said_on: string | null;
  said_on_precision: DatePrecision | null;
  said_on_approximate: boolean;
  context: string | null;
  attribution: string;
  speaker: {
    slug: string;
    name: string;
    kind: ExportStatement["speaker"]["kind"];
    role: string | null;
    affiliation: string | null;
    names: Array<string | null>;
    aliases: string[];
    wikidata_id: string | null;
  };
  reviews: Array<Parameters<typeof publicReview>[0]>;
  topics: Array<{ slug: string; name: string }>;
  reports: ReportRow[];
};

const SELECT = `
  SELECT s.id, s.external_id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.said_on_precision, s.said_on_approximate,
         s.context, s.attribution,
         json_build_object('slug', sp.slug, 'name', sp.name, 'kind', sp.kind, 'role', sp.role,
                           'affiliation', coalesce(aff.name, sp.affiliation),
                           'names', json_build_array(sp.name_ar, sp.name_en, sp.name_de), 'aliases', sp.aliases,
                           'wikidata_id', sp.wikidata_id) AS speaker,
         coalesce((SELECT json_agg(${REVIEW_JSON} ORDER BY ${REVIEW_ORDER}) FROM statement_reviews r WHERE r.statement_id = s.id), '[]') AS reviews,
         coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.slug COLLATE "C")
                     FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id), '[]') AS topics,
         coalesce((SELECT json_agg(${REPORT_JSON} ORDER BY ${REPORT_ORDER})
                     FROM statement_reports r JOIN sources so ON so.id = r.source_id WHERE r.statement_id = s.id), '[]') AS reports
    FROM statements s JOIN speakers sp ON sp.id = s.speaker_id LEFT JOIN speakers aff ON aff.id = sp.affiliation_id`;

/** Other names first in the order ar, en, de, then the stored aliases; the canonical name and repeats (ignoring case) left out. */
function aliasesOf(speaker: Row["speaker"]): string[] {
  const seen = new Set([speaker.name.toLowerCase()]);
  const out: string[] = [];
  for (const name of [...speaker.names, ...speaker.aliases]) {
    if (!name || !name.trim() || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

function toExport(row: Row): ExportStatement {
  return {
    id: row.id,
    externalId: row.external_id,
    text: row.text,
    language: row.language,
    kind: row.kind,
    speaker: {
      slug: row.speaker.slug,
      name: row.speaker.name,
      kind: row.speaker.kind,
      role: row.speaker.role,
      affiliation: row.speaker.affiliation,
      aliases: aliasesOf(row.speaker),
      wikidataId: row.speaker.wikidata_id,
    },
    saidOn: storedPartialDate(row.said_on, row.said_on_precision),
    saidOnApproximate: row.said_on_approximate,
    topics: row.topics,
    reports: storedReports(row.reports),
    context: row.context,
    attribution: row.attribution,
    reviews: row.reviews.map(publicReview),
  };
}

/** The published statements among `ids`, in the order of `ids` (missing ones skipped). */
export async function loadExportStatements(db: Queryable, ids: number[]): Promise<ExportStatement[]> {
  if (ids.length === 0) return [];
  const result = await db.query<Row>(`${SELECT} WHERE s.id = ANY($1::int[]) AND s.status = 'published'`, [ids]);
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toExport(row)] : [];
  });
}

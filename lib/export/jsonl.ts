import type { ReportSource, StoredReport } from "@/lib/db/reports";
import type { ExportStatement } from "./statements";

// JSON Lines in the import format (docs/contracts.md), so that `npm run import` of an
// export brings the same statements into another database (and finds the ones
// with an externalId again in this one). Fields without a value are left out,
// as the import format allows. The first report (the oldest) is the line's
// `source`; the others are its `reports`, each with its own wording when the
// source printed other words than the statement's.

export const JSONL_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

type ImportFormatSource = { url?: string; outlet?: string; title?: string; publishedAt?: string };

export type ImportFormatLine = {
  externalId?: string;
  text: string;
  language: string;
  kind: string;
  speaker: { name: string; kind: string; role?: string; affiliation?: string; aliases?: string[]; wikidataId?: string };
  saidOn?: string;
  topics?: string[];
  source?: ImportFormatSource;
  /** Further reports besides `source`: `text` when that source printed other words, `reportedOn` when not its publication date. */
  reports?: Array<{ source: ImportFormatSource; text?: string; reportedOn?: string }>;
  context?: string;
  reviews?: Array<{
    rating: string;
    ratingValue?: number;
    bestRating?: number;
    worstRating?: number;
    reviewer: { name: string; url?: string };
    url: string;
    reviewedOn: string;
  }>;
};

/** The entries with a value: null, undefined and empty lists left out. */
function present<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

function sourceFields(source: ReportSource): ImportFormatSource {
  return present({
    url: source.url,
    outlet: source.outlet,
    title: source.title,
    publishedAt: source.publishedOn?.iso ?? null,
  });
}

/** A further report; its date left out when it is its source's publication date (the importer's default). */
function reportLine(report: StoredReport, statementText: string): NonNullable<ImportFormatLine["reports"]>[number] {
  const reportedOn = report.reportedOn?.iso ?? null;
  return {
    source: sourceFields(report.source),
    ...present({
      text: report.text !== null && report.text !== statementText ? report.text : null,
      reportedOn: reportedOn !== (report.source.publishedOn?.iso ?? null) ? reportedOn : null,
    }),
  };
}

/**
 * The statement as an import line. A statement without externalId (made by a
 * curator) gets none: the importer then derives one from who said what when.
 */
export function toImportFormat(statement: ExportStatement): ImportFormatLine {
  // A source with no field at all is no source to the importer: left out rather than refused.
  const [first, ...others] = statement.reports.filter((report) => Object.keys(sourceFields(report.source)).length > 0);
  return {
    ...(statement.externalId ? { externalId: statement.externalId } : {}),
    text: statement.text,
    language: statement.language,
    kind: statement.kind,
    speaker: {
      name: statement.speaker.name,
      kind: statement.speaker.kind,
      ...present({
        role: statement.speaker.role,
        affiliation: statement.speaker.affiliation,
        aliases: statement.speaker.aliases,
        wikidataId: statement.speaker.wikidataId,
      }),
    },
    ...present({
      saidOn: statement.saidOn?.iso ?? null,
      topics: statement.topics.map((t) => t.name),
      source: first ? sourceFields(first.source) : null,
      // The first report repeats under reports only when it has a wording or date of its own (the
      // importer takes a reports entry naming the line's source as that source's report).
      reports: [...(first && Object.keys(reportLine(first, statement.text)).length > 1 ? [first] : []), ...others].map(
        (report) => reportLine(report, statement.text),
      ),
      context: statement.context,
      reviews: statement.reviews.map((review) => ({
        rating: review.rating,
        ...present({ ratingValue: review.ratingValue, bestRating: review.bestRating, worstRating: review.worstRating }),
        reviewer: { name: review.reviewer.name, ...present({ url: review.reviewer.url }) },
        url: review.url,
        reviewedOn: review.reviewedOn.iso,
      })),
    }),
  };
}

/** One line of the file, ending in LF. */
export function importFormatJsonLine(statement: ExportStatement): string {
  return `${JSON.stringify(toImportFormat(statement))}\n`;
}

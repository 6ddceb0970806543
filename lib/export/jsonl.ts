import type { ExportStatement } from "./statements";

// JSON Lines in the import format (docs/contracts.md), so that `npm run import` of an
// export brings the same statements into another database (and finds the ones
// with an externalId again in this one). Fields without a value are left out,
// as the import format allows.

export const JSONL_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

export type ImportFormatLine = {
  externalId?: string;
  text: string;
  language: string;
  kind: string;
  speaker: { name: string; kind: string; role?: string; affiliation?: string; aliases?: string[]; wikidataId?: string };
  saidOn?: string;
  topics?: string[];
  source?: { url?: string; outlet?: string; title?: string; publishedAt?: string };
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

/**
 * The statement as an import line. A statement without externalId (made by a
 * curator) gets none: the importer then derives one from who said what when.
 */
export function toImportFormat(statement: ExportStatement): ImportFormatLine {
  const source = statement.source
    ? present({
        url: statement.source.url,
        outlet: statement.source.outlet,
        title: statement.source.title,
        publishedAt: statement.source.publishedOn?.iso ?? null,
      })
    : null;
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
      source: source && Object.keys(source).length > 0 ? source : null,
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

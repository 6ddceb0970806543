import type { DatePrecision } from "@/lib/validation/partial-date";

/** One search document per published statement (see lib/sync/documents.ts). */
export type StatementDocument = {
  id: number;
  externalId: string | null;
  /** The original wording, displayed; searched through its normalised copy. */
  text: string;
  /** Normalised copy of the text in the field of its language (content_ar, …). */
  content_ar?: string;
  content_de?: string;
  content_en?: string;
  content?: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speakerId: number;
  speakerSlug: string;
  speakerName: string;
  speakerKind: string;
  /** Every name and alias in every script, plus their normalised forms. */
  speakerNames: string[];
  topics: string[];
  topicNames: string[];
  saidOn: string | null;
  saidOnPrecision: DatePrecision | null;
  /** Days since 1970-01-01 of the first and last day the statement may have been made. */
  saidOnStart: number | null;
  saidOnEnd: number | null;
  year: number | null;
  /** The outlet of the statement's first report (oldest first). */
  outlet: string | null;
  /** How many reports (outlets that printed it) the statement has: search finds a statement once, however often it was reported. */
  reportCount: number;
  /** Present (true) only on a statement with a fact-check review: the "reviewed" facet counts these. */
  reviewed?: true;
  version: number;
  /** Hash of the document's content: check-index compares it with Postgres's. */
  fingerprint: string;
};

export type SearchSort = "relevance" | "newest" | "oldest";

export type SearchQuery = {
  q: string;
  speakers: string[];
  topics: string[];
  languages: string[];
  kinds: string[];
  years: number[];
  /** Inclusive day numbers (see toDayNumber). */
  from: number | null;
  to: number | null;
  /** Only statements with a fact-check review (?reviewed=true); absent or false: all. */
  reviewed?: boolean;
  sort: SearchSort;
  page: number;
  limit: number;
};

export type SearchHit = {
  id: number;
  externalId: string | null;
  text: string;
  language: string;
  kind: StatementDocument["kind"];
  speaker: { slug: string; name: string };
  saidOn: string | null;
  saidOnPrecision: DatePrecision | null;
  topics: string[];
  outlet: string | null;
  reportCount: number;
  /** [start, end) offsets in `text` of the words that match the query. */
  highlight: Array<[number, number]>;
};

export type FacetName = "speaker" | "topic" | "language" | "kind" | "year" | "reviewed";

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
  facets: Record<FacetName, Record<string, number>>;
  processingTimeMs: number;
};

/** Search could not be reached or answered: readers get a "search is unavailable" state. */
export class SearchUnavailableError extends Error {
  override name = "SearchUnavailableError";
}

import "server-only";
import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type Filter } from "meilisearch";
import { normalizeQuery } from "./arabic";
import { meiliClient, statementsIndexName } from "./client";
import { highlightRanges } from "./highlight";
import {
  SearchUnavailableError,
  type FacetName,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type StatementDocument,
} from "./types";

const FACET_ATTRIBUTES: Record<FacetName, string> = {
  speaker: "speakerSlug",
  topic: "topics",
  language: "language",
  kind: "kind",
  year: "year",
};

const RETRIEVED: Array<keyof StatementDocument> = [
  "id",
  "externalId",
  "text",
  "language",
  "kind",
  "speakerSlug",
  "speakerName",
  "saidOn",
  "saidOnPrecision",
  "topics",
  "outlet",
];

/** Quotes a facet value for a Meilisearch filter expression. */
function quoted(value: string | number): string {
  return typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function anyOf(attribute: string, values: Array<string | number>): string | null {
  if (values.length === 0) return null;
  return `${attribute} IN [${values.map(quoted).join(", ")}]`;
}

export function buildFilter(query: SearchQuery): string[] {
  const filters = [
    anyOf("speakerSlug", query.speakers),
    anyOf("topics", query.topics),
    anyOf("language", query.languages),
    anyOf("kind", query.kinds),
    anyOf("year", query.years),
    // A statement matches a date range when the period it may have been said in
    // overlaps the range: a month-precision statement is in a range inside that month.
    query.from !== null ? `saidOnEnd >= ${query.from}` : null,
    query.to !== null ? `saidOnStart <= ${query.to}` : null,
  ];
  return filters.filter((f): f is string => f !== null);
}

function sortFor(query: SearchQuery): string[] | undefined {
  if (query.sort === "newest") return ["saidOnStart:desc", "id:desc"];
  if (query.sort === "oldest") return ["saidOnStart:asc", "id:asc"];
  // Relevance with no words to rank by: newest first reads better than index order.
  return query.q.trim() === "" ? ["saidOnStart:desc", "id:desc"] : undefined;
}

export async function searchStatements(query: SearchQuery): Promise<SearchResult> {
  const index = meiliClient().index<StatementDocument>(statementsIndexName());
  const filter: Filter = buildFilter(query);
  try {
    const response = await index.search(normalizeQuery(query.q), {
      filter,
      sort: sortFor(query),
      page: query.page,
      hitsPerPage: query.limit,
      facets: Object.values(FACET_ATTRIBUTES),
      attributesToRetrieve: RETRIEVED,
    });
    const hits: SearchHit[] = response.hits.map((doc) => ({
      id: doc.id,
      externalId: doc.externalId,
      text: doc.text,
      language: doc.language,
      kind: doc.kind,
      speaker: { slug: doc.speakerSlug, name: doc.speakerName },
      saidOn: doc.saidOn,
      saidOnPrecision: doc.saidOnPrecision,
      topics: doc.topics,
      outlet: doc.outlet,
      highlight: highlightRanges(doc.text, query.q),
    }));
    const distribution = response.facetDistribution ?? {};
    const facets = Object.fromEntries(
      (Object.entries(FACET_ATTRIBUTES) as Array<[FacetName, string]>).map(([name, attribute]) => [name, distribution[attribute] ?? {}]),
    ) as SearchResult["facets"];
    return {
      hits,
      total: response.totalHits ?? hits.length,
      page: response.page ?? query.page,
      limit: query.limit,
      totalPages: response.totalPages ?? 1,
      facets,
      processingTimeMs: response.processingTimeMs,
    };
  } catch (error) {
    throw asUnavailable(error);
  }
}

/** Network failures and a missing index mean "search is unavailable"; anything else is a bug. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return new SearchUnavailableError("Search is unavailable: Meilisearch could not be reached.", { cause: error });
  }
  if (error instanceof MeilisearchApiError && (error.cause?.code === "index_not_found" || (error.response?.status ?? 0) >= 500)) {
    return new SearchUnavailableError("Search is unavailable: the index is not ready.", { cause: error });
  }
  return error;
}

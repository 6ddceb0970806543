import "server-only";
import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from "meilisearch";
import { meiliClient, statementsIndexName } from "./client";
import { highlightRanges } from "./highlight";
import { FACET_ATTRIBUTES, buildSearchRequest } from "./request";
import { SearchUnavailableError, type FacetName, type SearchHit, type SearchQuery, type SearchResult, type StatementDocument } from "./types";

export async function searchStatements(query: SearchQuery): Promise<SearchResult> {
  const index = meiliClient().index<StatementDocument>(statementsIndexName());
  const request = buildSearchRequest(query);
  try {
    const response = await index.search(request.q, request.params);
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

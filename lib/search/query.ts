import "server-only";
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MultiSearchQuery,
} from "meilisearch";
import { meiliClient, statementsIndexName } from "./client";
import { highlightRanges } from "./highlight";
import { FACET_ATTRIBUTES, buildSearchRequest } from "./request";
import {
  SearchUnavailableError,
  type FacetName,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type StatementDocument,
} from "./types";

export type SearchOptions = {
  /**
   * Count each facet as if its own filter were not applied ("disjunctive"
   * facets), so that a reader who picked one speaker still sees the others to
   * add. Costs one more query per filtered facet, sent in the same multi-search
   * request. The search page asks for it; the API keeps the plain counts.
   */
  disjunctiveFacets?: boolean;
};

/** The query with one facet's filter removed. */
function withoutFacet(query: SearchQuery, facet: FacetName): SearchQuery {
  if (facet === "speaker") return { ...query, speakers: [] };
  if (facet === "topic") return { ...query, topics: [] };
  if (facet === "language") return { ...query, languages: [] };
  if (facet === "kind") return { ...query, kinds: [] };
  if (facet === "reviewed") return { ...query, reviewed: false };
  return { ...query, years: [] };
}

function filteredFacets(query: SearchQuery): FacetName[] {
  const values: Record<FacetName, unknown[]> = {
    speaker: query.speakers,
    topic: query.topics,
    language: query.languages,
    kind: query.kinds,
    year: query.years,
    reviewed: query.reviewed ? [true] : [],
  };
  return (Object.keys(values) as FacetName[]).filter((facet) => values[facet].length > 0);
}

async function runSearch(query: SearchQuery, options: SearchOptions) {
  const indexUid = statementsIndexName();
  const request = buildSearchRequest(query);
  const disjunctive = options.disjunctiveFacets ? filteredFacets(query) : [];
  if (disjunctive.length === 0) {
    const response = await meiliClient().index<StatementDocument>(indexUid).search(request.q, request.params);
    return { response, facetOverrides: {} as Partial<Record<FacetName, Record<string, number>>> };
  }
  const { results } = await meiliClient().multiSearch<{ queries: MultiSearchQuery[] }, StatementDocument>({
    queries: [
      { indexUid, q: request.q, ...request.params },
      ...disjunctive.map((facet) => ({
        indexUid,
        q: request.q,
        filter: buildSearchRequest(withoutFacet(query, facet)).params.filter,
        limit: 0,
        facets: [FACET_ATTRIBUTES[facet]],
      })),
    ],
  });
  const [main, ...perFacet] = results;
  if (!main) throw new Error("Meilisearch answered a multi-search without results");
  const facetOverrides: Partial<Record<FacetName, Record<string, number>>> = {};
  disjunctive.forEach((facet, i) => {
    facetOverrides[facet] = perFacet[i]?.facetDistribution?.[FACET_ATTRIBUTES[facet]] ?? {};
  });
  return { response: main, facetOverrides };
}

export async function searchStatements(query: SearchQuery, options: SearchOptions = {}): Promise<SearchResult> {
  try {
    const { response, facetOverrides } = await runSearch(query, options);
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
      reportCount: doc.reportCount,
      highlight: highlightRanges(doc.text, query.q),
    }));
    const distribution = response.facetDistribution ?? {};
    const facets = Object.fromEntries(
      (Object.entries(FACET_ATTRIBUTES) as Array<[FacetName, string]>).map(([name, attribute]) => [
        name,
        facetOverrides[name] ?? distribution[attribute] ?? {},
      ]),
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
  if (
    error instanceof MeilisearchApiError &&
    (error.cause?.code === "index_not_found" || (error.response?.status ?? 0) >= 500)
  ) {
    return new SearchUnavailableError("Search is unavailable: the index is not ready.", { cause: error });
  }
  // The search-only key is made at start (lib/search/keys.ts); until Meilisearch knows it, search is not ready either.
  if (error instanceof MeilisearchApiError && error.cause?.code === "invalid_api_key") {
    return new SearchUnavailableError("Search is unavailable: its API key is not set up yet.", { cause: error });
  }
  return error;
}

/**
 * Whether the index answers at all: one cheap request (a search for nothing:
 * the app's key may only search),
 * made before a search page is rendered so that its HTTP status can say 503
 * (see lib/page-status/search.ts). Errors other than "unavailable" are thrown.
 */
export async function searchIsAvailable(): Promise<boolean> {
  try {
    await meiliClient().index(statementsIndexName()).search("", { limit: 0, attributesToRetrieve: [] });
    return true;
  } catch (error) {
    const mapped = asUnavailable(error);
    if (mapped instanceof SearchUnavailableError) return false;
    throw mapped;
  }
}

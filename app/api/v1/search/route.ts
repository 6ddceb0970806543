import { apiFailure, badRequest } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { searchStatements } from "@/lib/search/query";
import { parseSearchParams } from "@/lib/validation/search-params";
import type { Answer, SearchResult } from "@/lib/api/api-schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/search — the search contract (docs/contracts.md). */
export const GET = publicGet(async (request) => {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const result = await searchStatements(parsed.query);
    return cachedJson(
      request,
      {
        hits: result.hits,
        total: result.total,
        page: result.page,
        limit: result.limit,
        totalPages: result.totalPages,
        facets: result.facets,
      } satisfies Answer<typeof SearchResult>,
      CACHE_SECONDS.search,
    );
  } catch (error) {
    return apiFailure(error);
  }
});

export const OPTIONS = preflight;

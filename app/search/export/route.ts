import { CORS_HEADERS, preflight, publicGet } from "@/lib/api/http-cache";
import { appEnv } from "@/lib/env";
import { EXPORT_EXPOSED_HEADERS, exportSearchResult } from "@/lib/export/search-export";

export const dynamic = "force-dynamic";

const limited = publicGet<unknown>(async (request) => {
  const url = new URL(request.url);
  return exportSearchResult({ params: url.searchParams, origin: appEnv().PUBLIC_URL ?? url.origin });
});

/**
 * GET /search/export?format=csv|jsonl plus the parameters of /api/v1/search
 * (q, speaker, topic, lang, kind, year, from, to, sort; page and limit are
 * ignored): the whole result as a CSV or JSON Lines (import format) download,
 * linked from the search page's results. Beside the page rather than under
 * /api/v1, whose answers are JSON with ETags; like those reads it is open to
 * any origin and counted against the per-address rate limit.
 */
export async function GET(request: Request): Promise<Response> {
  const response = await limited(request, undefined);
  // The API's exposed headers, and the export's own (its size, and whether it was cut).
  response.headers.set("Access-Control-Expose-Headers", [CORS_HEADERS["Access-Control-Expose-Headers"], ...EXPORT_EXPOSED_HEADERS].join(", "));
  return response;
}

export const OPTIONS = preflight;

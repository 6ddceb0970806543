import { badRequest } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { parseDatesParams } from "@/lib/api/list-params";
import { statementDates } from "@/lib/db/queries/api-lists";
import type { Answer, DateIndex } from "@/lib/api/api-schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/dates — the years, months and days that have published statements, with counts. */
export const GET = publicGet(async (request) => {
  const parsed = parseDatesParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const dates = await statementDates(parsed.query.year);
  return cachedJson(
    request,
    { data: dates.years, undated: dates.undated } satisfies Answer<typeof DateIndex>,
    CACHE_SECONDS.list,
  );
});

export const OPTIONS = preflight;

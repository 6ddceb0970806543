import { badRequest } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { parseSpeakerListParams, slugCursorFor } from "@/lib/api/list-params";
import { listSpeakersPage } from "@/lib/db/queries/api-lists";

export const dynamic = "force-dynamic";

/** GET /api/v1/speakers — speakers in slug order, by kind and name prefix, a page at a time. */
export const GET = publicGet(async (request) => {
  const parsed = parseSpeakerListParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const page = await listSpeakersPage(parsed.query);
  return cachedJson(
    request,
    { data: page.items, nextCursor: page.last ? slugCursorFor(parsed.query, page.last) : null },
    CACHE_SECONDS.list,
  );
});

export const OPTIONS = preflight;

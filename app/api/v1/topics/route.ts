import { badRequest } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { parseTopicListParams, slugCursorFor } from "@/lib/api/list-params";
import { listTopicsPage } from "@/lib/db/queries/api-lists";
import type { Answer, TopicList } from "@/lib/api/api-schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/topics — every topic in slug order with its parent and statement count (1,000 a page). */
export const GET = publicGet(async (request) => {
  const parsed = parseTopicListParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const page = await listTopicsPage(parsed.query);
  return cachedJson(
    request,
    { data: page.items, nextCursor: page.last ? slugCursorFor(parsed.query, page.last) : null } satisfies Answer<
      typeof TopicList
    >,
    CACHE_SECONDS.list,
  );
});

export const OPTIONS = preflight;

import { badRequest } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { parseStatementListParams, statementCursor } from "@/lib/api/list-params";
import { listStatementsPage } from "@/lib/db/queries/api-lists";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/statements — published and retracted statements (never drafts),
 * filtered as search filters them, in a stable order, a page at a time:
 * { data, nextCursor }. Served from Postgres, so it answers while search is down.
 */
export const GET = publicGet(async (request) => {
  const parsed = parseStatementListParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const page = await listStatementsPage(parsed.query);
  return cachedJson(
    request,
    { data: page.items, nextCursor: page.last ? statementCursor(parsed.query, page.last) : null },
    CACHE_SECONDS.list,
  );
});

export const OPTIONS = preflight;

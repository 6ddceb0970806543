import { apiError, apiFailure, badRequest, parseId } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { findMergedStatementTarget } from "@/lib/db/queries/redirects";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { redirectResponse } from "@/lib/http/redirect";

export const dynamic = "force-dynamic";

export const GET = publicGet(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  if (typeof id !== "number") return badRequest([id]);
  try {
    const statement = await getPublicStatement(id);
    if (!statement) {
      // Merged into another statement: that one answers (307, as a merge can be undone).
      const target = await findMergedStatementTarget(id);
      if (target !== null) return redirectResponse(`/api/v1/statements/${target}`, 307);
      return apiError(404, "not_found", `No statement ${id}.`);
    }
    return cachedJson(request, statement, CACHE_SECONDS.item);
  } catch (error) {
    return apiFailure(error);
  }
});

export const OPTIONS = preflight;

import { apiError, apiFailure, decodeSlug } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getPublicSpeaker } from "@/lib/db/queries/speakers";

export const dynamic = "force-dynamic";

export const GET = publicGet(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const slug = decodeSlug((await params).slug);
  try {
    const speaker = await getPublicSpeaker(slug);
    if (!speaker) {
      const target = await findSlugRedirect("speaker", slug);
      if (target) return permanentRedirectResponse(`/api/v1/speakers/${encodeURIComponent(target)}`);
      return apiError(404, "not_found", "No speaker at this address.");
    }
    return cachedJson(request, speaker, CACHE_SECONDS.item);
  } catch (error) {
    return apiFailure(error);
  }
});

export const OPTIONS = preflight;

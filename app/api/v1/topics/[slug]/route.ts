import { apiError, apiFailure, decodeSlug } from "@/lib/api/responses";
import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getPublicTopic } from "@/lib/db/queries/topics";
import type { Answer, Topic } from "@/lib/api/api-schemas";

export const dynamic = "force-dynamic";

export const GET = publicGet(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const slug = decodeSlug((await params).slug);
  try {
    const topic = await getPublicTopic(slug);
    if (!topic) {
      const target = await findSlugRedirect("topic", slug);
      if (target) return permanentRedirectResponse(`/api/v1/topics/${encodeURIComponent(target)}`);
      return apiError(404, "not_found", "No topic at this address.");
    }
    return cachedJson(request, topic satisfies Answer<typeof Topic>, CACHE_SECONDS.item);
  } catch (error) {
    return apiFailure(error);
  }
});

export const OPTIONS = preflight;

import { NextResponse } from "next/server";
import { apiError, apiFailure, decodeSlug } from "@/lib/api/responses";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getPublicTopic } from "@/lib/db/queries/topics";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeSlug((await params).slug);
  try {
    const topic = await getPublicTopic(slug);
    if (!topic) {
      const target = await findSlugRedirect("topic", slug);
      if (target) return permanentRedirectResponse(`/api/v1/topics/${encodeURIComponent(target)}`);
      return apiError(404, "not_found", "No topic at this address.");
    }
    return NextResponse.json(topic, { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } });
  } catch (error) {
    return apiFailure(error);
  }
}

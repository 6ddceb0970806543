import { NextResponse } from "next/server";
import { apiError, apiFailure, decodeSlug } from "@/lib/api/responses";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getPublicSpeaker } from "@/lib/db/queries/speakers";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeSlug((await params).slug);
  try {
    const speaker = await getPublicSpeaker(slug);
    if (!speaker) {
      const target = await findSlugRedirect("speaker", slug);
      if (target) return permanentRedirectResponse(`/api/v1/speakers/${encodeURIComponent(target)}`);
      return apiError(404, "not_found", "No speaker at this address.");
    }
    return NextResponse.json(speaker, { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } });
  } catch (error) {
    return apiFailure(error);
  }
}

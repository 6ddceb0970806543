import { NextResponse, type NextRequest } from "next/server";
import { apiFailure, badRequest } from "@/lib/api/responses";
import { searchStatements } from "@/lib/search/query";
import { parseSearchParams } from "@/lib/validation/search-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/search — the search contract of DESIGN.md. */
export async function GET(request: NextRequest) {
  const parsed = parseSearchParams(request.nextUrl.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const result = await searchStatements(parsed.query);
    return NextResponse.json(
      {
        hits: result.hits,
        total: result.total,
        page: result.page,
        limit: result.limit,
        totalPages: result.totalPages,
        facets: result.facets,
      },
      { headers: { "Cache-Control": "public, max-age=10", "Access-Control-Allow-Origin": "*" } },
    );
  } catch (error) {
    return apiFailure(error);
  }
}
